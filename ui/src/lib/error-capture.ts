// Records everything the page reports as an error into `window.__hangarErrors`, so a WebDriver
// test can assert the page logged none. Installed before the app mounts (see capture-errors.ts).

declare global {
  interface Window {
    __hangarErrors: string[];
  }
}

const INSTALLED = Symbol.for('hangar.errorCapture');

export function describe(value: unknown): string {
  if (value instanceof Error) {
    // V8 stacks start with "Name: message"; WebKit stacks hold only the frames.
    const head = `${value.name}: ${value.message}`;
    if (!value.stack) return head;
    return value.stack.startsWith(head) ? value.stack : `${head}\n${value.stack}`;
  }
  if (typeof value === 'string') return value;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Starts recording; safe to call twice. Returns the live array. A test may replace
 * `window.__hangarErrors` with a fresh array at any time; recording goes to whatever is there.
 */
export function installErrorCapture(win: Window & typeof globalThis = window): string[] {
  const marked = win as Window & { [INSTALLED]?: true };
  const list = (): string[] => {
    if (!Array.isArray(win.__hangarErrors)) win.__hangarErrors = [];
    return win.__hangarErrors;
  };
  const record = (entry: string): void => void list().push(entry);
  if (marked[INSTALLED]) return list();
  marked[INSTALLED] = true;

  // Capture phase also sees resources (scripts, images, styles) that failed to load.
  win.addEventListener(
    'error',
    (event: Event) => {
      if (event instanceof ErrorEvent) {
        const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : '';
        record(`error: ${event.error ? describe(event.error) : event.message}${where}`);
      } else {
        const target = event.target as (Element & { src?: string; href?: string }) | null;
        const url = target?.src || target?.href || '';
        record(`resource error: <${target?.tagName?.toLowerCase() ?? '?'}> ${url}`.trim());
      }
    },
    true,
  );

  win.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    record(`unhandledrejection: ${describe(event.reason)}`);
  });

  // A strict CSP blocks silently unless someone listens.
  win.document.addEventListener('securitypolicyviolation', (event: SecurityPolicyViolationEvent) => {
    record(`csp: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`);
  });

  const original = win.console.error.bind(win.console);
  win.console.error = (...args: unknown[]) => {
    record(`console.error: ${args.map(describe).join(' ')}`);
    original(...args);
  };

  return list();
}
