import { describe, expect, it } from 'vitest';
import { hashFor, parseHash, viewOf, withView, type Route } from './routes';

// Every kind of route, each as its canonical hash.
const ROUTES: [Route, string][] = [
  [{ screen: 'environments' }, '#/environments'],
  [{ screen: 'environments', environment: 'skillancer-dev' }, '#/environments/skillancer-dev'],
  [
    { screen: 'environments', environment: 'skillancer-dev', view: { k: 1.5, x: -120.5, y: 40 } },
    '#/environments/skillancer-dev?z=1.5&x=-120.5&y=40',
  ],
  [{ screen: 'blueprints' }, '#/blueprints'],
  [{ screen: 'blueprints', blueprint: 'single-host-dev' }, '#/blueprints/single-host-dev'],
  [
    { screen: 'blueprints', blueprint: 'single-host-dev', view: { k: 0.825, x: 3, y: -7.5 } },
    '#/blueprints/single-host-dev?z=0.825&x=3&y=-7.5',
  ],
  [{ screen: 'blueprints', blueprint: 'my copy/2' }, '#/blueprints/my%20copy%2F2'],
  [{ screen: 'profiles' }, '#/profiles'],
  [{ screen: 'history' }, '#/history'],
  [{ screen: 'history', job: 42 }, '#/history/jobs/42'],
];

describe('routes', () => {
  it.each(ROUTES)('%o is %s, and reads back the same', (route, hash) => {
    expect(hashFor(route)).toBe(hash);
    expect(parseHash(hash)).toEqual(route);
    expect(hashFor(parseHash(hash))).toBe(hash);
  });

  it('reads the old and loose forms, and falls back to the list of environments', () => {
    expect(parseHash('#history')).toEqual({ screen: 'history' });
    expect(parseHash('#/profiles/')).toEqual({ screen: 'profiles' });
    expect(parseHash('')).toEqual({ screen: 'environments' });
    expect(parseHash('#/nope/demo')).toEqual({ screen: 'environments' });
    expect(parseHash('#/history/jobs/x')).toEqual({ screen: 'history' });
    expect(parseHash('#/environments/%E0%A4%A')).toEqual({ screen: 'environments' });
  });

  it('ignores a view that is not whole and sound, and one with nothing to view', () => {
    expect(parseHash('#/environments/demo?z=0&x=1&y=2')).toEqual({ screen: 'environments', environment: 'demo' });
    expect(parseHash('#/environments/demo?z=2&x=1')).toEqual({ screen: 'environments', environment: 'demo' });
    expect(parseHash('#/environments/demo?z=2&x=a&y=1')).toEqual({ screen: 'environments', environment: 'demo' });
    expect(parseHash('#/environments?z=2&x=1&y=1')).toEqual({ screen: 'environments' });
    expect(viewOf(parseHash('#/environments/demo?z=2&x=1&y=1'))).toEqual({ k: 2, x: 1, y: 1 });
  });

  it('rounds a view written into the URL, and sets or clears it on the routes that have one', () => {
    const route = withView({ screen: 'environments', environment: 'demo' }, { k: 1.23456, x: 10.04, y: -0.01 });
    expect(hashFor(route)).toBe('#/environments/demo?z=1.235&x=10&y=0');
    expect(withView(route, undefined)).toEqual({ screen: 'environments', environment: 'demo' });
    expect(withView({ screen: 'history', job: 1 }, { k: 1, x: 0, y: 0 })).toEqual({ screen: 'history', job: 1 });
  });
});
