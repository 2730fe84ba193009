import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router, VIEW_WRITE_MS } from './router.svelte';

describe('Router', () => {
  let router: Router | undefined;
  beforeEach(() => window.history.replaceState(null, '', '/'));
  afterEach(() => {
    router?.destroy();
    router = undefined;
    vi.useRealTimers();
  });

  it('starts from the hash and pushes one on navigate', () => {
    window.history.replaceState(null, '', '/#/history/jobs/7');
    router = new Router();
    expect(router.route).toEqual({ screen: 'history', job: 7 });

    const before = window.history.length;
    router.navigate({ screen: 'environments', environment: 'demo' });
    expect(router.route).toEqual({ screen: 'environments', environment: 'demo' });
    expect(window.location.hash).toBe('#/environments/demo');
    expect(window.history.length).toBe(before + 1);

    router.navigate({ screen: 'environments', environment: 'other' }, { replace: true });
    expect(window.location.hash).toBe('#/environments/other');
    expect(window.history.length).toBe(before + 1);
  });

  it('follows Back and Forward (popstate) and a typed hash (hashchange)', () => {
    router = new Router();
    window.history.replaceState(null, '', '/#/environments/skillancer-dev?z=2&x=5&y=6');
    window.dispatchEvent(new PopStateEvent('popstate'));
    expect(router.route).toEqual({ screen: 'environments', environment: 'skillancer-dev', view: { k: 2, x: 5, y: 6 } });
    window.history.replaceState(null, '', '/#/blueprints/single-host-dev');
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    expect(router.route).toEqual({ screen: 'blueprints', blueprint: 'single-host-dev' });
  });

  it('writes the diagram view into the current entry, in place and at most once per interval', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/#/environments/demo');
    router = new Router();
    const entries = window.history.length;
    const replace = vi.spyOn(window.history, 'replaceState');
    for (let i = 1; i <= 30; i++) router.setView({ k: 1 + i / 100, x: i, y: -i });
    expect(replace).not.toHaveBeenCalled();
    vi.advanceTimersByTime(VIEW_WRITE_MS);
    expect(replace).toHaveBeenCalledOnce();
    expect(window.location.hash).toBe('#/environments/demo?z=1.3&x=30&y=-30');
    expect(window.history.length).toBe(entries);
    expect(router.route).toEqual({ screen: 'environments', environment: 'demo', view: { k: 1.3, x: 30, y: -30 } });
  });

  it('writes a waiting view before leaving the page, and drops it when Back already left', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/#/environments/demo');
    router = new Router();
    router.setView({ k: 2, x: 1, y: 1 });
    router.navigate({ screen: 'environments' });
    window.history.back();
    // happy-dom moves back at once; the entry left behind kept the view.
    expect(window.location.hash).toBe('#/environments/demo?z=2&x=1&y=1');

    window.dispatchEvent(new PopStateEvent('popstate'));
    router.setView({ k: 3, x: 0, y: 0 });
    window.dispatchEvent(new PopStateEvent('popstate'));
    vi.advanceTimersByTime(VIEW_WRITE_MS);
    expect(window.location.hash).toBe('#/environments/demo?z=2&x=1&y=1');
  });

  it('writes a waiting view when the page is hidden (a reload or close right after a zoom)', () => {
    vi.useFakeTimers();
    window.history.replaceState(null, '', '/#/environments/demo');
    router = new Router();
    router.setView({ k: 1.5, x: 2, y: 3 });
    expect(window.location.hash).toBe('#/environments/demo');
    window.dispatchEvent(new Event('pagehide'));
    expect(window.location.hash).toBe('#/environments/demo?z=1.5&x=2&y=3');
  });
});
