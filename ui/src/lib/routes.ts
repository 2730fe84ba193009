// The app's routes, in the location hash: every screen, environment, blueprint and job has its
// own (`#/environments/skillancer-dev`, `#/blueprints/single-host-dev`, `#/history/jobs/42`),
// so Back and a reload come back to it. A diagram's zoom and pan ride in the query
// (`?z=1.5&x=-120&y=40`). Nothing that acts (start a job) is ever in a route: a reload would
// do it again (see autostart.ts). Hash routing needs no router library and no server.

export const SCREENS = ['environments', 'blueprints', 'profiles', 'history'] as const;
export type Screen = (typeof SCREENS)[number];
export const DEFAULT_SCREEN: Screen = 'environments';

/** A diagram's zoom (`k`) and pan (`x`, `y`): the diagram's `Transform`. */
export interface View {
  k: number;
  x: number;
  y: number;
}

export type Route =
  | { screen: 'environments'; environment?: string; view?: View }
  | { screen: 'blueprints'; blueprint?: string; view?: View }
  | { screen: 'profiles' }
  | { screen: 'history'; job?: number };

export function isScreen(value: string): value is Screen {
  return (SCREENS as readonly string[]).includes(value);
}

function decode(part: string | undefined): string | undefined {
  if (!part) return undefined;
  try {
    return decodeURIComponent(part) || undefined;
  } catch {
    return undefined;
  }
}

function parseView(query: string): View | undefined {
  const params = new URLSearchParams(query);
  const [k, x, y] = ['z', 'x', 'y'].map((key) => {
    const raw = params.get(key);
    return raw === null || raw.trim() === '' ? NaN : Number(raw);
  }) as [number, number, number];
  if (![k, x, y].every(Number.isFinite) || k <= 0) return undefined;
  return { k, x, y };
}

/** `#/environments/demo?z=2&x=1&y=3` -> the route; anything unknown -> the default screen. */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const at = raw.indexOf('?');
  const path = at < 0 ? raw : raw.slice(0, at);
  const query = at < 0 ? '' : raw.slice(at + 1);
  const [screen = '', first, second] = path.split('/');
  switch (isScreen(screen) ? screen : DEFAULT_SCREEN) {
    case 'environments': {
      const environment = screen === 'environments' ? decode(first) : undefined;
      return environment
        ? withView({ screen: 'environments', environment }, parseView(query))
        : { screen: 'environments' };
    }
    case 'blueprints': {
      const blueprint = decode(first);
      return blueprint ? withView({ screen: 'blueprints', blueprint }, parseView(query)) : { screen: 'blueprints' };
    }
    case 'profiles':
      return { screen: 'profiles' };
    case 'history':
      return first === 'jobs' && second && /^[0-9]{1,15}$/.test(second)
        ? { screen: 'history', job: Number(second) }
        : { screen: 'history' };
  }
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places || 0;

function viewQuery(view: View | undefined): string {
  if (!view) return '';
  return `?z=${round(view.k, 3)}&x=${round(view.x, 1)}&y=${round(view.y, 1)}`;
}

export function hashFor(route: Route): string {
  switch (route.screen) {
    case 'environments':
      return route.environment
        ? `#/environments/${encodeURIComponent(route.environment)}${viewQuery(route.view)}`
        : '#/environments';
    case 'blueprints':
      return route.blueprint
        ? `#/blueprints/${encodeURIComponent(route.blueprint)}${viewQuery(route.view)}`
        : '#/blueprints';
    case 'profiles':
      return '#/profiles';
    case 'history':
      return route.job !== undefined ? `#/history/jobs/${route.job}` : '#/history';
  }
}

/** The route with this diagram view (none: without); a route with no diagram is unchanged. */
export function withView(route: Route, view: View | undefined): Route {
  if (route.screen === 'environments' && route.environment) {
    const { view: _old, ...rest } = route;
    return view ? { ...rest, view } : rest;
  }
  if (route.screen === 'blueprints' && route.blueprint) {
    const { view: _old, ...rest } = route;
    return view ? { ...rest, view } : rest;
  }
  return route;
}

/** The diagram view a route carries, if any. */
export function viewOf(route: Route): View | undefined {
  return route.screen === 'environments' || route.screen === 'blueprints' ? route.view : undefined;
}

/** How screens ask for another route (`replace`: in place of the current history entry). */
export type Navigate = (to: Route, options?: { replace?: boolean }) => void;
