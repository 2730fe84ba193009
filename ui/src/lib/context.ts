// Hands the `Api` down the component tree, so screens never import Tauri directly.
import { getContext, setContext } from 'svelte';
import type { Api } from './api';

const API_KEY = Symbol('hangar.api');

export function setApi(api: Api): Api {
  return setContext(API_KEY, api);
}

export function getApi(): Api {
  const api = getContext<Api | undefined>(API_KEY);
  if (!api) throw new Error('getApi() called outside <App> (no Api in context)');
  return api;
}

/** The context map to pass to a component rendered on its own in a test. */
export function apiContext(api: Api): Map<symbol, Api> {
  return new Map([[API_KEY, api]]);
}
