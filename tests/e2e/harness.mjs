// Starts the real app binary in a real window through tauri-driver + WebKitWebDriver, on free
// ports, with its own throwaway data directory. Reused by every desktop test.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, mkdirSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
import { remote } from 'webdriverio';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshots = path.join(repo, 'target/e2e');
const readmeImages = path.join(repo, 'docs/img');

/**
 * Saves a screenshot to target/e2e and, only under `make screenshots` (HANGAR_SCREENSHOTS=1),
 * to docs/img for the README too: an ordinary test run must leave the work tree as it found it.
 */
export async function saveScreenshot(browser, name, { readme = false } = {}) {
  const shot = path.join(screenshots, name);
  await browser.saveScreenshot(shot);
  if (readme && process.env.HANGAR_SCREENSHOTS === '1') {
    mkdirSync(readmeImages, { recursive: true });
    copyFileSync(shot, path.join(readmeImages, name));
  }
  return shot;
}
const appBinary = path.join(repo, 'target/debug/hangar-app');
const tauriDriver = process.env.TAURI_DRIVER ?? path.join(repo, '.tools/bin/tauri-driver');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function portIsOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function waitForDriver(port, driver, deadlineMs = 30_000) {
  const started = Date.now();
  while (Date.now() - started < deadlineMs) {
    if (driver.exitCode !== null) throw new Error(`tauri-driver exited with ${driver.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not answer on port ${port}`);
}

/**
 * One app for a test file, as a user sees it on a laptop (1440×900): opened before its first
 * test, closed after its last. Returns the app's `browser`, read once the app is open.
 */
export function appForFile(options = {}) {
  let opened;
  before(async () => {
    opened = await openApp(options);
    await waitUntilReady(opened.browser);
    await opened.browser.setWindowSize(1440, 900);
  });
  after(async () => {
    await opened?.close();
  });
  return {
    get browser() {
      return opened.browser;
    },
  };
}

/**
 * Opens the app; returns { browser, dataDir, close }. `grantRead`: files readable by the users
 * import from the start, as if dropped (WebDriver cannot make an OS drop; an event the page
 * emits grants nothing). `retries`: how often WebDriver repeats a failed command.
 * `installed`: `{ application, home }` starts an installed binary as a user whose home is `home`:
 * its default data directory, and no variable of the checkout's (no emulator, no data dir).
 * `binary`: another build of the app than the debug one (the start-up benchmark's release build).
 */
export async function openApp({ dataDir, grantRead = [], retries, installed, binary = appBinary } = {}) {
  const application = installed?.application ?? binary;
  if (!existsSync(application)) throw new Error(`${application} is missing: run \`make app\``);
  if (!installed) dataDir ??= mkdtempSync(path.join(os.tmpdir(), 'hangar-e2e-'));
  const env = installed ? userEnv(installed.home) : { ...process.env, HANGAR_DATA_DIR: dataDir };
  const dataDirArgs = installed ? [] : ['--data-dir', dataDir];
  mkdirSync(screenshots, { recursive: true });
  const port = await freePort();
  const nativePort = await freePort();
  const driver = spawn(
    tauriDriver,
    ['--port', String(port), '--native-port', String(nativePort), '--native-driver', '/usr/bin/WebKitWebDriver'],
    { stdio: ['ignore', 'inherit', 'inherit'], env },
  );
  try {
    await waitForDriver(port, driver);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      logLevel: 'warn',
      // WebDriver retries a command that failed with a 500; a refused command is one, and a
      // test that calls hundreds on purpose says `retries: 0`.
      ...(retries === undefined ? {} : { connectionRetryCount: retries }),
      capabilities: {
        'tauri:options': {
          application,
          args: [...dataDirArgs, ...grantRead.flatMap((file) => ['--grant-read', file])],
        },
      },
    });
    const close = async () => {
      try {
        await browser.deleteSession();
      } finally {
        driver.kill();
      }
    };
    return { browser, dataDir, close };
  } catch (err) {
    driver.kill();
    throw err;
  }
}

/** This process's environment as a user with `home` sees it: none of the checkout's variables. */
export function userEnv(home) {
  const env = { ...process.env, HOME: home };
  for (const name of ['HANGAR_DATA_DIR', 'HANGAR_MOTO_SERVER', 'XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) {
    delete env[name];
  }
  return env;
}

/** Waits until the UI says it has loaded (see ui/src/main.ts). */
export async function waitUntilReady(browser) {
  const body = await browser.$('body[data-ready="true"]');
  await body.waitForExist({ timeout: 30_000, timeoutMsg: 'the UI never marked itself ready' });
}

/** Every error the page recorded (window.onerror, unhandled rejections, console.error, CSP). */
export async function pageErrors(browser) {
  return browser.execute(() => window.__hangarErrors ?? ['window.__hangarErrors is missing']);
}

/**
 * The summaries of the desktop notifications shown so far in this session bus. The daemon is
 * dunst, which D-Bus starts when the app first notifies; closing them moves them to its history.
 */
export function notificationSummaries() {
  execFileSync('dunstctl', ['close-all']);
  const history = JSON.parse(execFileSync('dunstctl', ['history'], { encoding: 'utf8' }));
  return (history.data[0] ?? []).map((n) => n.summary.data);
}

/** Calls a Hangar command through the page's own IPC bridge. */
export async function invoke(browser, command, args = {}) {
  return browser.executeAsync((cmd, a, done) => {
    window.__TAURI_INTERNALS__
      .invoke(cmd, a)
      .then((value) => done({ ok: value }), (error) => done({ error }));
  }, command, args);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and best practices) on the page as it is now; returns
 * its violations as `rule: target (summary)` lines, so a failed assertion says what and where.
 */
export async function axeViolations(browser) {
  // The app's CSP forbids eval, so axe cannot be loaded from the page; a WebDriver script body
  // runs outside the CSP, so the library travels as one.
  await browser.execute(`${axeSource}\nreturn typeof window.axe;`);
  return browser.executeAsync((done) => {
    // A theme switch fades colours over a transition: axe must judge the colours it ends on,
    // not one frame of the fade. Endless animations (spinners) are left out of the wait.
    const settling = document
      .getAnimations()
      .filter((a) => a.effect?.getTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => {}));
    Promise.all(settling)
      .then(() => window.axe.run(document, { resultTypes: ['violations'] }))
      .then((result) =>
        done(
          result.violations.flatMap((v) =>
            v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? v.help})`),
          ),
        ),
      )
      .catch((error) => done([`axe failed: ${error}`]));
  });
}
