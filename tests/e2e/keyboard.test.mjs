// The whole round trip with the keyboard alone, in the real window: add a profile, plan a
// blueprint, provision it in the Sandbox and tear it down, reaching every control by Tab and
// pressing it with Enter or Space. The page counts every pointer event from its first moment,
// and the test ends by asking that count to be zero: a step that needed the mouse would fail
// here even if WebDriver had managed to reach it some other way.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appForFile, invoke, pageErrors, saveScreenshot } from './harness.mjs';
import { nonEmpty, sandboxOf } from './sandbox.mjs';

const PROFILE = 'kbd-keys';
const ENV = 'kbd-dev';
const BLUEPRINT = 'single-host-dev';
// The longest a tab order gets on any screen here: a control that needs more presses than this
// is, for a keyboard user, as good as unreachable.
const MAX_TABS = 60;

const app = appForFile();

/** The focused element, described as `tag[data-testid]` so a failure says where focus is. */
function focused(browser) {
  return browser.execute(() => {
    const el = document.activeElement;
    return el ? `${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? ''}]` : 'nothing';
  });
}

/** Presses Tab until `selector` has focus; fails with the whole path focus took. */
async function tabTo(browser, selector) {
  const path = [];
  for (let i = 0; i < MAX_TABS; i++) {
    if (await browser.execute((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await browser.keys('Tab');
    path.push(await focused(browser));
  }
  assert.fail(`${selector} was not reached in ${MAX_TABS} Tabs; focus went ${path.join(' → ')}`);
}

/** Tabs to `selector` and presses Enter on it. */
async function press(browser, selector) {
  await tabTo(browser, selector);
  await browser.keys('Enter');
}

/** Tabs to a text field, clears it and types `text`. */
async function type(browser, selector, text) {
  await tabTo(browser, selector);
  await browser.keys(['Control', 'a']);
  await browser.keys('Backspace');
  // One key action per character: WebKitWebDriver drops the second of two identical
  // punctuation keys sent in one action (`http://` arrives as `http:/`).
  for (const char of text) await browser.keys(char);
}

async function waitFor(browser, selector, timeout = 15_000) {
  const el = await browser.$(selector);
  await el.waitForDisplayed({ timeout, timeoutMsg: `${selector} never appeared` });
  return el;
}

test('pointer events are counted from the start', async () => {
  const { browser } = app;
  await browser.execute(() => {
    window.__pointerEvents = [];
    for (const kind of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'wheel', 'touchstart']) {
      window.addEventListener(kind, (e) => window.__pointerEvents.push(`${kind} on ${e.target?.getAttribute?.('data-testid') ?? e.target?.tagName}`), true);
    }
    // A click that a key made has no pointer behind it (detail 0); one with a detail was a mouse.
    window.addEventListener('click', (e) => e.detail > 0 && window.__pointerEvents.push(`click on ${e.target?.tagName}`), true);
    document.activeElement?.blur();
  });
  assert.deepEqual(await browser.execute(() => window.__pointerEvents), []);
});

test('adds an access-keys profile with the keyboard', async () => {
  const { browser } = app;
  const { ok: info } = await invoke(browser, 'app_info');
  await press(browser, '[data-testid="nav-profiles"]');
  await waitFor(browser, '[data-testid="screen-profiles"]');
  await press(browser, '[data-testid="profiles-add"]');
  await waitFor(browser, '[data-testid="profile-form"]');
  // The dialog took focus; Tab now walks its fields only (a trap), in their visual order.
  assert.ok(await browser.execute(() => document.querySelector('[data-testid="profile-form"]')?.contains(document.activeElement)));
  await type(browser, '[data-testid="pf-name"]', PROFILE);
  await type(browser, '[data-testid="pf-region"]', 'us-east-1');
  await type(browser, '[data-testid="pf-access-key-id"]', 'AKIAIOSFODNN7EXAMPLE');
  await type(browser, '[data-testid="pf-secret"]', 'kbd-Secret-3Lp0Vb7Qw9Zx');
  await type(browser, '[data-testid="pf-endpoint"]', info.sandbox.endpoint);
  assert.equal(await (await browser.$('[data-testid="pf-endpoint"]')).getValue(), info.sandbox.endpoint);
  await press(browser, '[data-testid="pf-save"]');
  await browser.$('[data-testid="profile-form"]').then((f) =>
    f.waitForExist({ reverse: true, timeout: 15_000, timeoutMsg: 'the form never closed after saving' }),
  );
  await waitFor(browser, `[data-testid="profile-row"][data-profile="${PROFILE}"]`);
  const { ok: profiles } = await invoke(browser, 'list_profiles');
  assert.deepEqual(profiles.map((p) => p.name).sort(), ['Sandbox', PROFILE].sort());
  // Focus came back to the button that opened the dialog, not to the top of the page.
  assert.equal(await focused(browser), 'button[profiles-add]');
});

test('plans a blueprint and provisions it in the Sandbox with the keyboard', async () => {
  const { browser } = app;
  await press(browser, '[data-testid="nav-blueprints"]');
  await press(browser, `[data-testid="blueprint-item"][data-name="${BLUEPRINT}"]`);
  await waitFor(browser, '[data-testid="diagram"][data-ready="true"]', 20_000);
  const create = await browser.$('[data-testid="create-environment"]');
  await browser.waitUntil(() => create.isEnabled(), { timeout: 20_000, timeoutMsg: 'the blueprint never planned' });
  await press(browser, '[data-testid="create-environment"]');

  await waitFor(browser, '[data-testid="env-name"]');
  await type(browser, '[data-testid="env-name"]', ENV);
  assert.equal(await (await browser.$('[data-testid="env-profile"]')).getValue(), 'Sandbox');
  await press(browser, '[data-testid="create-and-provision"]');

  const page = await waitFor(browser, `[data-testid="environment-page"][data-name="${ENV}"]`);
  await browser.waitUntil(async () => (await page.getAttribute('data-status')) === 'ready', {
    timeout: 240_000,
    interval: 250,
    timeoutMsg: `${ENV} never became ready`,
  });
  const sandbox = await sandboxOf(browser);
  const running = sandbox.liveTagged(ENV).instances;
  assert.equal(running.length, 1, JSON.stringify(running));
  assert.equal(running[0].state, 'running');
});

test('the diagram is one tab stop whose nodes the arrows walk, each saying its state', async () => {
  const { browser } = app;
  await tabTo(browser, '[data-testid="diagram-node"]');
  const visited = [await browser.execute(() => document.activeElement.getAttribute('data-id'))];
  // Arrows walk the picture until a resource (not a VPC, zone or subnet box) has focus.
  for (const key of ['ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowDown', 'ArrowRight', 'ArrowDown']) {
    if (await browser.execute(() => document.activeElement.matches('.node[data-state]'))) break;
    await browser.keys(key);
    visited.push(await browser.execute(() => document.activeElement.getAttribute('data-id')));
  }
  assert.ok(new Set(visited).size > 1, `the arrows moved focus: ${visited.join(' → ')}`);
  const { state, label } = await browser.execute(() => ({
    state: document.activeElement.getAttribute('data-state'),
    label: document.activeElement.getAttribute('aria-label') ?? '',
  }));
  assert.equal(state, 'ready', `a resource has focus after ${visited.join(' → ')}`);
  // Its state is said in words, not only in colour.
  assert.match(label, /ready/i);
  await browser.keys('Tab');
  assert.equal(
    await browser.execute(() => document.activeElement?.matches('[data-testid="diagram-node"]')),
    false,
    'one Tab leaves the diagram',
  );
});

test('tears it down with the keyboard; focus moves to Undo; nothing is left', async () => {
  const { browser } = app;
  await press(browser, '[data-testid="teardown"]');
  await waitFor(browser, '[data-testid="teardown-countdown"]', 5_000);
  assert.equal(await focused(browser), 'button[teardown-undo]', 'focus moved to Undo');
  const page = await browser.$(`[data-testid="environment-page"][data-name="${ENV}"]`);
  await browser.waitUntil(async () => (await page.getAttribute('data-status')) === 'destroyed', {
    timeout: 240_000,
    interval: 250,
    timeoutMsg: `${ENV} was never destroyed`,
  });
  const sandbox = await sandboxOf(browser);
  assert.deepEqual(nonEmpty(sandbox.liveTagged(ENV)), {});
  await saveScreenshot(browser, 'keyboard-destroyed.png');
});

test('no pointer event happened, and the page logged no error', async () => {
  const { browser } = app;
  assert.deepEqual(await browser.execute(() => window.__pointerEvents), []);
  assert.deepEqual(await pageErrors(browser), []);
});
