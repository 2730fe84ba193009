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

type Call = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

export function profileCommands(call: Call): ProfilesApi {
  return {
    getProfile: (name) => call<ProfileDetail>('get_profile', { name }),
    saveProfile: (input) => call<SaveProfileResult>('save_profile', { input }),
    deleteProfile: (name) => call<void>('delete_profile', { name }),
    setDefaultProfile: (name) => call<void>('set_default_profile', { name }),
    testProfile: (name, mfaCode) => call<CallerIdentityView>('test_profile', { name, mfaCode: mfaCode ?? null }),
    listAwsConfigProfiles: () => call<AwsConfigProfileView[]>('list_aws_config_profiles'),
    importAwsProfiles: (names) => call<ImportResultView[]>('import_aws_profiles', { names }),
  };
}
