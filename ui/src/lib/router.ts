// Client-side routing by location hash (#/profiles): four screens need no router library.
import { writable, type Readable } from 'svelte/store';

export const ROUTES = ['environments', 'blueprints', 'profiles', 'history'] as const;
export type Route = (typeof ROUTES)[number];
export const DEFAULT_ROUTE: Route = 'environments';

export function isRoute(value: string): value is Route {
  return (ROUTES as readonly string[]).includes(value);
}

/** `#/profiles` -> `profiles`; anything unknown -> the default screen. */
export function parseHash(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isRoute(name) ? name : DEFAULT_ROUTE;
}

export function hashFor(route: Route): string {
  return `#/${route}`;
}

export interface Router {
  route: Readable<Route>;
  navigate(route: Route): void;
  destroy(): void;
}

export function createRouter(win: Window = window): Router {
  const route = writable<Route>(parseHash(win.location.hash));
  const sync = (): void => route.set(parseHash(win.location.hash));
  win.addEventListener('hashchange', sync);
  win.addEventListener('popstate', sync);

  return {
    route: { subscribe: route.subscribe },
    navigate(next) {
      route.set(next);
      if (win.location.hash !== hashFor(next)) win.history.pushState(null, '', hashFor(next));
    },
    destroy() {
      win.removeEventListener('hashchange', sync);
      win.removeEventListener('popstate', sync);
    },
  };
}
