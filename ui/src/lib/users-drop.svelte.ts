// A CSV dropped anywhere on the window opens the Users import with that file. Tauri gives the
// drop (with real paths) as the webview's `tauri://drag-drop` event.
import { isUsersFile } from './users-api';

/** What the Users import dialog is asked to show: closed, open, or open on a file. */
export type UsersImportRequest = { path: string | null } | null;

class UsersImport {
  /** Read by <UsersImportDialog>; null while the dialog is closed. */
  request = $state.raw<UsersImportRequest>(null);

  open(path: string | null = null): void {
    this.request = { path };
  }

  close(): void {
    this.request = null;
  }
}

export const usersImport = new UsersImport();

export function openUsersImport(path: string | null = null): void {
  usersImport.open(path);
}

export interface DropEvent {
  payload: { type: string; paths?: string[] };
}

/** The handler of the webview's drag-drop events: the first users file of a drop. */
export function handleDrop(event: DropEvent): boolean {
  if (event.payload.type !== 'drop') return false;
  const path = (event.payload.paths ?? []).find(isUsersFile);
  if (!path) return false;
  openUsersImport(path);
  return true;
}

/** Listens for file drops on this webview; a no-op outside Tauri (unit tests, a browser). */
export async function listenForDrops(): Promise<() => void> {
  if (!('__TAURI_INTERNALS__' in window)) return () => {};
  const { getCurrentWebview } = await import('@tauri-apps/api/webview');
  return getCurrentWebview().onDragDropEvent(handleDrop);
}
