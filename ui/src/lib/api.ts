// Typed wrapper over the Tauri commands. Components take an `Api` (through context, see
// `context.ts`) rather than calling `invoke` directly, so tests can hand them a fake.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type { ApiError, AppInfo, ProfileSummary } from './bindings';

export type { ApiError, AppInfo, ProfileSummary };

/** The shape of `invoke` from `@tauri-apps/api/core`. */
export type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

export interface Api {
  appInfo(): Promise<AppInfo>;
  listProfiles(): Promise<ProfileSummary[]>;
}

/** Code used when a thrown value did not come from the backend as `{ code, message }`. */
export const INTERNAL = 'internal';

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
  };
}
