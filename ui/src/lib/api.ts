// The app's commands as methods, over the one typed `call` (call.ts). Components take an `Api`
// (through context, see `context.ts`) rather than calling `invoke` directly, so tests can hand
// them a fake.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AppInfo,
  BlueprintDetail,
  FirstPaint,
  BlueprintListItem,
  PlanOutcome,
  ProfileSummary,
  SaveOutcome,
} from './bindings';
import { typedCall, type Invoke } from './call';
import type { Commands } from './commands';
import { environmentCommands, type EnvironmentsApi } from './environments-api';
import { mfaCommands, type MfaApi } from './mfa-api';
import { profileCommands, type ProfilesApi } from './profiles-api';

export type { ApiError, AppInfo, ProfileSummary };
// Where the rest of the UI has always found them.
export { INTERNAL, isApiError, toApiError, type Invoke } from './call';

/** What `plan_blueprint` takes: a blueprint by name, or unsaved `source` from the editor. */
export interface PlanRequest {
  name: string;
  source?: string | null;
  /** Parameter values in their command-line form (`--set k=v`). */
  overrides: Record<string, string>;
  /** Also ask AWS with this profile whether the region offers the plan's zones and instance types. */
  profile?: string | null;
}

/** What `save_user_blueprint` takes, as Rust declares it. */
export type SaveBlueprintRequest = Commands['save_user_blueprint']['args'];

export interface Api extends ProfilesApi, EnvironmentsApi, MfaApi {
  appInfo(): Promise<AppInfo>;
  /** Tells the shell the window is usable; answers with the time since the process began. */
  firstPaint(): Promise<FirstPaint>;
  listProfiles(): Promise<ProfileSummary[]>;
  // Blueprints
  listBlueprints(): Promise<BlueprintListItem[]>;
  getBlueprint(name: string): Promise<BlueprintDetail>;
  planBlueprint(request: PlanRequest): Promise<PlanOutcome>;
  saveUserBlueprint(request: SaveBlueprintRequest): Promise<SaveOutcome>;
  deleteUserBlueprint(name: string): Promise<boolean>;
}

/** Builds the api over an `invoke` function; every rejection is an `ApiError`. */
export function createApi(invoke: Invoke = tauriInvoke): Api {
  const call = typedCall(invoke);
  return {
    appInfo: () => call('app_info'),
    firstPaint: () => call('first_paint'),
    listProfiles: () => call('list_profiles'),
    ...profileCommands(call),
    ...environmentCommands(call),
    ...mfaCommands(call),
    // Blueprints
    listBlueprints: () => call('list_blueprints'),
    getBlueprint: (name) => call('get_blueprint', { name }),
    planBlueprint: ({ name, source, overrides, profile }) =>
      call('plan_blueprint', { name, source: source ?? null, overrides, profile: profile ?? null }),
    saveUserBlueprint: ({ name, basedOn, source }) => call('save_user_blueprint', { name, basedOn, source }),
    deleteUserBlueprint: (name) => call('delete_user_blueprint', { name }),
  };
}
