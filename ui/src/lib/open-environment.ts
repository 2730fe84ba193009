// Which environment the Environments screen shows (null: the list), kept across screen changes,
// and a job to start as its page opens.
import { writable } from 'svelte/store';
import type { JobKind } from './bindings';

export interface OpenEnvironment {
  name: string;
  autostart: JobKind | null;
}

export const openEnvironment = writable<OpenEnvironment | null>(null);
