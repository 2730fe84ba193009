// The Users import's commands, over the same typed `call` as `api.ts`; kept apart so the panel
// can be given a fake in tests without the rest of the app's Api.
import { invoke as tauriInvoke } from '@tauri-apps/api/core';
import { typedCall, type Invoke } from './call';
import type { EnvironmentUsers, UsersCheckOutcome, UsersImportResult, UsersTarget } from './bindings';

export interface UsersApi {
  /** `roles`: the roles a row may have; the default roles when absent. */
  checkUsersFile(path: string, roles?: string[]): Promise<UsersCheckOutcome>;
  /** `roles`: in place of the environment's blueprint's roles when given. */
  importUsers(env: string, path: string, acceptValid: boolean, roles?: string[]): Promise<UsersImportResult>;
  listUsers(env: string): Promise<EnvironmentUsers>;
  exportUsers(env: string, path: string): Promise<number>;
  usersTargets(): Promise<UsersTarget[]>;
  /** The OS file picker, opened by Rust, which grants the picked file; null when cancelled. */
  pickUsersFile(): Promise<string | null>;
  /** The OS save dialog, opened by Rust, which grants the chosen path; null when cancelled. */
  pickExportPath(defaultName: string): Promise<string | null>;
}

/** Builds the users api over an `invoke` function; every rejection is an `ApiError`. */
export function createUsersApi(invoke: Invoke = tauriInvoke): UsersApi {
  const call = typedCall(invoke);
  return {
    checkUsersFile: (path, roles) => call('check_users_file', { path, roles: roles ?? null }),
    importUsers: (env, path, acceptValid, roles) =>
      call('import_users', { env, path, acceptValid, roles: roles ?? null }),
    listUsers: (env) => call('list_users', { env }),
    exportUsers: (env, path) => call('export_users', { env, path }),
    usersTargets: () => call('users_targets'),
    // Only a path Rust's own dialog (or an OS drop) granted can be read or written; the page
    // cannot open the dialog plugin itself.
    pickUsersFile: () => call('pick_users_file'),
    pickExportPath: (defaultName) => call('pick_export_path', { defaultName }),
  };
}

/** Roles typed as `a, b, c`: trimmed, blanks dropped; undefined when none is left (the defaults). */
export function parseRoles(text: string): string[] | undefined {
  const roles = text
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
  return roles.length > 0 ? roles : undefined;
}

/** A dropped path the panel takes: a CSV, TSV or text file. */
export function isUsersFile(path: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(path);
}
