import { get } from 'svelte/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter, DEFAULT_ROUTE, parseHash, type Router } from './router';

describe('parseHash', () => {
  it('reads known routes and falls back to the default', () => {
    expect(parseHash('#/profiles')).toBe('profiles');
    expect(parseHash('#history')).toBe('history');
    expect(parseHash('#/blueprints/single-host-dev')).toBe('blueprints');
    expect(parseHash('')).toBe(DEFAULT_ROUTE);
    expect(parseHash('#/nope')).toBe(DEFAULT_ROUTE);
  });
});

describe('createRouter', () => {
  let router: Router;
  beforeEach(() => window.history.replaceState(null, '', '/'));
  afterEach(() => router?.destroy());

  it('starts from the hash and updates it on navigate', () => {
    window.history.replaceState(null, '', '/#/history');
    router = createRouter();
    expect(get(router.route)).toBe('history');

    router.navigate('profiles');
    expect(get(router.route)).toBe('profiles');
    expect(window.location.hash).toBe('#/profiles');
  });

  it('follows hash changes made elsewhere (back/forward)', () => {
    router = createRouter();
    window.history.replaceState(null, '', '/#/blueprints');
    window.dispatchEvent(new Event('popstate'));
    expect(get(router.route)).toBe('blueprints');
  });
});
