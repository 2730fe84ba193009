// The current route, kept with the location hash both ways: `navigate` pushes a history entry
// (so Back returns), Back and Forward (popstate) and a typed hash (hashchange) set the route.
import { hashFor, parseHash, withView, type Route, type View } from './routes';

/**
 * How often, at most, a diagram's view is written into the URL as the user pans. WebKit (the
 * app's webview) refuses more than 100 history.replaceState calls in 10 seconds.
 */
export const VIEW_WRITE_MS = 250;

export class Router {
  /** The route on screen; reactive. */
  route = $state.raw<Route>({ screen: 'environments' });
  readonly #win: Window;
  #pendingView: View | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(win: Window = window) {
    this.#win = win;
    this.route = parseHash(win.location.hash);
    win.addEventListener('hashchange', this.#sync);
    win.addEventListener('popstate', this.#sync);
    // A reload or close within VIEW_WRITE_MS of the last zoom still keeps it.
    win.addEventListener('pagehide', this.#leave);
  }

  #leave = (): void => this.flushView();

  #sync = (): void => {
    // A view not yet written belonged to the entry just left; it is not carried to this one.
    this.#cancelView();
    this.route = parseHash(this.#win.location.hash);
  };

  /** Shows `to`, as a new history entry, or in place of the current one with `replace`. */
  navigate(to: Route, { replace = false }: { replace?: boolean } = {}): void {
    this.flushView();
    this.route = to;
    const hash = hashFor(to);
    if (this.#win.location.hash === hash) return;
    if (replace) this.#win.history.replaceState(null, '', hash);
    else this.#win.history.pushState(null, '', hash);
  }

  /**
   * Keeps a diagram's zoom and pan in the current entry's URL (replaceState: panning makes no
   * history entries), written at most every VIEW_WRITE_MS; a reload or Back reads it back.
   */
  setView(view: View): void {
    this.#pendingView = view;
    this.#timer ??= setTimeout(() => this.flushView(), VIEW_WRITE_MS);
  }

  /** Writes a view waiting for its turn now (before leaving the page, in tests). */
  flushView(): void {
    const view = this.#pendingView;
    this.#cancelView();
    if (!view) return;
    const next = withView(this.route, view);
    if (next === this.route) return;
    this.route = next;
    this.#win.history.replaceState(null, '', hashFor(next));
  }

  #cancelView(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pendingView = null;
  }

  destroy(): void {
    this.flushView();
    this.#win.removeEventListener('hashchange', this.#sync);
    this.#win.removeEventListener('popstate', this.#sync);
    this.#win.removeEventListener('pagehide', this.#leave);
  }
}
