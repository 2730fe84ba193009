// The one way the UI calls a Tauri command. It is typed by the generated `Commands` map
// (commands.ts, made from the Rust signatures), so a renamed command, argument or return type
// fails `npm run check` rather than the call at run time; every rejection becomes an `ApiError`.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import type { ApiError, ErrorCode } from './bindings';
import type { Commands } from './commands';

/** The shape of `invoke` from `@tauri-apps/api/core`; tests hand in a fake. */
export type Invoke = <T>(cmd: string, args?: Record<string, unknown>) => Promise<T>;

/** What command `K` takes after its name: nothing, or its arguments under Tauri's keys. */
export type CommandArgs<K extends keyof Commands> = Commands[K]['args'] extends null ? [] : [args: Commands[K]['args']];

/** Calls command `K`; resolves to what it returns, rejects with an `ApiError`. */
export type Call = <K extends keyof Commands>(cmd: K, ...args: CommandArgs<K>) => Promise<Commands[K]['returns']>;

/** The typed call over an `invoke` function. */
export function typedCall(invoke: Invoke = tauriInvoke): Call {
  async function call(cmd: string, args?: Record<string, unknown>): Promise<unknown> {
    try {
      return await invoke(cmd, args);
    } catch (error) {
      throw toApiError(error);
    }
  }
  // The map's types say what Rust sends back; the call itself only passes it through.
  return call as Call;
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
