// Typed wrapper over the Tauri commands. Components take an `Api` (through context, see
// `context.ts`) rather than calling `invoke` directly, so tests can hand them a fake.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  AppInfo,
  ErrorCode,
  BlueprintDetail,
  BlueprintListItem,
  PlanOutcome,
  ProfileSummary,
  SaveOutcome,
} from './bindings';
import { environmentCommands, type EnvironmentsApi } from './environments-api';
import { mfaCommands, type MfaApi } from './mfa-api';
import { profileCommands, type ProfilesApi } from './profiles-api';

export type { ApiError, AppInfo, ProfileSummary };

/** What `plan_blueprint` takes: a blueprint by name, or unsaved `source` from the editor. */
export interface PlanRequest {
  name: string;
  source?: string | null;
  /** Parameter values in their command-line form (`--set k=v`). */
  overrides: Record<string, string>;
  /** Also ask AWS with this profile whether the region offers the plan's zones and instance types. */
  profile?: string | null;
}

export interface SaveBlueprintRequest {
  name: string;
  basedOn: string | null;
  source: string;
}

/** The shape of `invoke` from `@tauri-apps/api/core`. */
export type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

export interface Api extends ProfilesApi, EnvironmentsApi, MfaApi {
  appInfo(): Promise<AppInfo>;
  listProfiles(): Promise<ProfileSummary[]>;
  // Blueprints
  listBlueprints(): Promise<BlueprintListItem[]>;
  getBlueprint(name: string): Promise<BlueprintDetail>;
  planBlueprint(request: PlanRequest): Promise<PlanOutcome>;
  saveUserBlueprint(request: SaveBlueprintRequest): Promise<SaveOutcome>;
  deleteUserBlueprint(name: string): Promise<boolean>;
}

/** Code used when a thrown value did not come from the backend as `{ code, message }`. */
export const INTERNAL: ErrorCode = 'internal';

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>).code === 'string' &&
    typeof (value as Record<string, unknown>).message === 'string'
  );
}

/**
 * Turns anything thrown (by `invoke`, by our own code, by a library) into an `ApiError`.
 * Backend errors already arrive as `{ code, message }`; everything else becomes `internal`.
 */
export function toApiError(value: unknown): ApiError {
  if (isApiError(value)) return { code: value.code, message: value.message };
  if (value instanceof Error) return { code: INTERNAL, message: value.message || value.name };
  if (typeof value === 'string') return { code: INTERNAL, message: value || 'Unknown error' };
  if (typeof value === 'object' && value !== null) {
    const message = (value as Record<string, unknown>).message;
    if (typeof message === 'string' && message) return { code: INTERNAL, message };
    try {
      return { code: INTERNAL, message: JSON.stringify(value) };
    } catch {
      return { code: INTERNAL, message: String(value) };
    }
  }
  if (value === undefined || value === null) return { code: INTERNAL, message: 'Unknown error' };
  return { code: INTERNAL, message: String(value) };
}

/** Builds the api over an `invoke` function; every rejection is an `ApiError`. */
export function createApi(invoke: Invoke = tauriInvoke): Api {
  async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
    try {
      return await invoke<T>(cmd, args);
    } catch (error) {
      throw toApiError(error);
    }
  }

  return {
    appInfo: () => call<AppInfo>('app_info'),
    listProfiles: () => call<ProfileSummary[]>('list_profiles'),
    ...profileCommands(call),
    ...environmentCommands(call),
    ...mfaCommands(call),
    // Blueprints
    listBlueprints: () => call<BlueprintListItem[]>('list_blueprints'),
    getBlueprint: (name) => call<BlueprintDetail>('get_blueprint', { name }),
    planBlueprint: ({ name, source, overrides, profile }) =>
      call<PlanOutcome>('plan_blueprint', { name, source: source ?? null, overrides, profile: profile ?? null }),
    saveUserBlueprint: ({ name, basedOn, source }) =>
      call<SaveOutcome>('save_user_blueprint', { name, basedOn, source }),
    deleteUserBlueprint: (name) => call<boolean>('delete_user_blueprint', { name }),
  };
}
