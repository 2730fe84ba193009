// Provision and tear down from the real window, in the Sandbox (the app's own emulator): pick
// web-and-postgres on Blueprints, create it, watch every resource of the diagram turn ready,
// read the outputs, refresh it (nothing drifted), then tear it down with one click (the 5-second
// undo runs out) and see it destroyed. No sleeps: every wait is on the page's DOM.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { appForFile, invoke, notificationSummaries, pageErrors, repo, screenshots } from './harness.mjs';

const BLUEPRINT = 'web-and-postgres';
const ENV = 'shop-dev';

const app = appForFile();

/** State of every resource node of the diagram (containers and the Internet excluded). */
async function nodeStates(browser) {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="diagram-node"]')]
        .filter((n) => n.querySelector('rect.tag'))
        .map((n) => [
        n.getAttribute('data-id'),
        n.getAttribute('data-state'),
      ]),
    ),
  );
}

async function pageStatus(browser) {
  const page = await browser.$('[data-testid="environment-page"]');
  return (await page.isExisting()) ? page.getAttribute('data-status') : null;
}

test(`${BLUEPRINT} is created from its blueprint and provisioned in the Sandbox`, async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="nav-blueprints"]')).click();
  const item = await browser.$(`[data-testid="blueprint-item"][data-name="${BLUEPRINT}"]`);
  await item.waitForDisplayed({ timeout: 10_000 });
  await item.click();
  const create = await browser.$('[data-testid="create-environment"]');
  await browser.waitUntil(async () => (await create.isEnabled()) && (await browser.$('[data-testid="diagram"][data-ready="true"]').isExisting()), {
    timeout: 20_000,
    timeoutMsg: 'the blueprint never planned',
  });
  await create.click();

  const name = await browser.$('[data-testid="env-name"]');
  await name.waitForDisplayed({ timeout: 10_000 });
  await name.setValue('Shop dev');
  const help = await browser.$('[data-testid="env-name-help"]');
  assert.match(await help.getText(), /lowercase/);
  assert.equal(await (await browser.$('[data-testid="create-and-provision"]')).isEnabled(), false);
  await name.setValue(ENV);
  await browser.waitUntil(async () => (await (await browser.$('[data-testid="env-profile"]')).getValue()) === 'Sandbox', {
    timeout: 10_000,
    timeoutMsg: 'the Sandbox profile was never offered',
  });
  await (await browser.$('[data-testid="create-and-provision"]')).click();

  const page = await browser.$(`[data-testid="environment-page"][data-name="${ENV}"]`);
  await page.waitForDisplayed({ timeout: 10_000 });
  // Colours come from the channel while the job runs; every resource ends ready.
  let seen = {};
  await browser.waitUntil(
    async () => {
      seen = await nodeStates(browser);
      const states = Object.values(seen);
      return ['instance.app', 'rds_instance.postgres', 'nat_gateway.a'].every((id) => id in seen) && states.every((s) => s === 'ready');
    },
    { timeout: 240_000, interval: 250, timeoutMsg: `the diagram never turned ready: ${JSON.stringify(seen)}` },
  );
  await browser.waitUntil(async () => (await pageStatus(browser)) === 'ready', {
    timeout: 30_000,
    timeoutMsg: 'the environment never became ready',
  });

  await browser.waitUntil(async () => notificationSummaries().includes(`${ENV} is ready`), {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `no desktop notification said ready: ${JSON.stringify(notificationSummaries())}`,
  });
  const progress = await browser.$('[data-testid="job-progress"]');
  assert.equal(await progress.getAttribute('data-status'), 'succeeded');
  assert.equal(await progress.getAttribute('data-done'), await progress.getAttribute('data-total'));

  const outputs = await browser.$('[data-testid="outputs"]');
  await browser.waitUntil(async () => /db endpoint/i.test(await outputs.getText()), {
    timeout: 10_000,
    timeoutMsg: 'the outputs never appeared',
  });
  const values = await browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="output"]')].map((o) => [
        o.getAttribute('data-name'),
        o.querySelector('[data-testid="output-value"]')?.textContent?.trim(),
      ]),
    ),
  );
  assert.match(values.app_public_ip ?? '', /^\d+\.\d+\.\d+\.\d+$/, JSON.stringify(values));
  assert.ok((values.db_endpoint ?? '').length > 3, JSON.stringify(values));
  const logCount = Number(await (await browser.$('[data-testid="log-panel"]')).getAttribute('data-count'));
  assert.ok(logCount > 10, `the log streamed (${logCount} lines)`);

  await (await browser.$('[data-testid="diagram-fit"]')).click();
  await browser.execute(() => document.querySelector('main')?.scrollTo(0, 0));
  const shot = path.join(screenshots, 'environment-ready.png');
  await browser.saveScreenshot(shot);
  mkdirSync(path.join(repo, 'docs/img'), { recursive: true });
  copyFileSync(shot, path.join(repo, 'docs/img/environment-ready.png'));
});

test('Refresh holds the history against AWS and finds nothing gone', async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="refresh"]')).click();
  // The refresh job ends in the history; the environment stays ready, no drift notice.
  await browser.waitUntil(
    async () => {
      const { ok: jobs = [] } = await invoke(browser, 'job_history');
      return jobs.some((j) => j.environment === ENV && j.kind === 'refresh' && j.status === 'succeeded');
    },
    { timeout: 60_000, interval: 250, timeoutMsg: 'the refresh job never succeeded' },
  );
  assert.equal(await pageStatus(browser), 'ready');
  assert.equal(await (await browser.$('[data-testid="drifted-notice"]')).isExisting(), false);
});

test('one click tears it down after the 5-second undo, and it is destroyed', async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="teardown"]')).click();
  const countdown = await browser.$('[data-testid="teardown-countdown"]');
  await countdown.waitForDisplayed({ timeout: 5_000 });
  assert.match(await countdown.getText(), /Tearing down in \ds/);
  assert.ok(await (await browser.$('[data-testid="teardown-undo"]')).isDisplayed(), 'Undo is offered');

  let seen = {};
  await browser.waitUntil(async () => (await pageStatus(browser)) === 'destroyed', {
    timeout: 240_000,
    interval: 250,
    timeoutMsg: 'the environment was never destroyed',
  });
  seen = await nodeStates(browser);
  assert.ok('rds_instance.postgres' in seen, `the diagram is still drawn: ${JSON.stringify(seen)}`);
  assert.ok(Object.values(seen).every((s) => s === 'deleted'), `every resource deleted: ${JSON.stringify(seen)}`);
  await (await browser.$('[data-testid="destroyed-notice"]')).waitForDisplayed({ timeout: 5_000 });
  await browser.waitUntil(async () => notificationSummaries().includes(`${ENV} torn down`), {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `no desktop notification said torn down: ${JSON.stringify(notificationSummaries())}`,
  });
  await browser.saveScreenshot(path.join(screenshots, 'environment-destroyed.png'));

  await (await browser.$('[data-testid="back-to-list"]')).click();
  const row = await browser.$(`[data-testid="environment-row"][data-name="${ENV}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await row.getAttribute('data-status'), 'destroyed');
  await browser.saveScreenshot(path.join(screenshots, 'environments-list.png'));

  await (await browser.$('[data-testid="nav-history"]')).click();
  const jobs = await browser.$$('[data-testid="job-item"]');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="job-item"]')).length === 3, {
    timeout: 10_000,
    timeoutMsg: 'the history never listed all three jobs',
  });
  assert.ok(jobs.length <= 3);
  const kinds = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="job-item"]')].map((j) => j.getAttribute('data-kind')).sort(),
  );
  assert.deepEqual(kinds, ['provision', 'refresh', 'teardown']);
  await browser.waitUntil(
    async () => Number(await (await browser.$('[data-testid="log-panel"]')).getAttribute('data-count')) > 0,
    { timeout: 10_000, timeoutMsg: 'the teardown log never loaded' },
  );
  await browser.saveScreenshot(path.join(screenshots, 'history.png'));
  assert.deepEqual(await pageErrors(browser), []);
});
