// The Profiles screen's commands. `api.ts` spreads these into the app's `Api`, so screens get
// them from context like every other command.
import type {
  AwsConfigProfileView,
  CallerIdentityView,
  ImportResultView,
  ProfileDetail,
  SaveProfileInput,
  SaveProfileResult,
} from './bindings';
import type { Call } from './call';

export interface ProfilesApi {
  getProfile(name: string): Promise<ProfileDetail>;
  /** The secret in `input` goes to the OS keychain; no command ever sends it back. */
  saveProfile(input: SaveProfileInput): Promise<SaveProfileResult>;
  deleteProfile(name: string): Promise<void>;
  setDefaultProfile(name: string): Promise<void>;
  /** STS GetCallerIdentity through the profile (and its AssumeRole chain). */
  testProfile(name: string, mfaCode?: string | null): Promise<CallerIdentityView>;
  listAwsConfigProfiles(): Promise<AwsConfigProfileView[]>;
  importAwsProfiles(names: string[]): Promise<ImportResultView[]>;
}

export function profileCommands(call: Call): ProfilesApi {
  return {
    getProfile: (name) => call('get_profile', { name }),
    saveProfile: (input) => call('save_profile', { input }),
    deleteProfile: (name) => call('delete_profile', { name }),
    setDefaultProfile: (name) => call('set_default_profile', { name }),
    testProfile: (name, mfaCode) => call('test_profile', { name, mfaCode: mfaCode ?? null }),
    listAwsConfigProfiles: () => call('list_aws_config_profiles'),
    importAwsProfiles: (names) => call('import_aws_profiles', { names }),
  };
}
