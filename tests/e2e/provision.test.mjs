// Provision and tear down from the real window, in the Sandbox (the app's own emulator): pick
// web-and-postgres on Blueprints, create it, watch every resource of the diagram turn ready,
// read the outputs, refresh it (nothing drifted), terminate its instance behind its back and see
// Refresh report the drift and Repair make it again, then tear it down with one click (the
// 5-second undo runs out) and see it destroyed. After each step the Sandbox itself is read with
// plain boto3 (sandbox.mjs): the page could say "ready" or "destroyed" about nothing at all.
// No sleeps: every wait is on the page's DOM or the app's history.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { appForFile, axeViolations, invoke, notificationSummaries, pageErrors, saveScreenshot } from './harness.mjs';
import { nonEmpty, sandboxOf } from './sandbox.mjs';

const BLUEPRINT = 'web-and-postgres';
const ENV = 'shop-dev';

const app = appForFile();

/** State of every resource node of the diagram (containers and the Internet excluded). */
async function nodeStates(browser) {
  return browser.execute(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-testid="diagram-node"]')]
        .filter((n) => n.matches('.node:not(.external)'))
        .map((n) => [
        n.getAttribute('data-id'),
        n.getAttribute('data-state'),
      ]),
    ),
  );
}

/** How many instances the environment's plan makes. */
async function plannedInstances(browser) {
  const { ok: detail, error } = await invoke(browser, 'get_environment', { name: ENV });
  assert.ok(detail?.plan, `no plan for ${ENV}: ${JSON.stringify(error)}`);
  return detail.plan.steps.filter((s) => s.logical.startsWith('instance.')).length;
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

  // What the emulator holds, asked without the app: the plan's instances running, tagged with
  // the environment, the one shown as its public IP among them; its VPC, NAT and database.
  const sandbox = await sandboxOf(browser);
  const held = sandbox.liveTagged(ENV);
  const planned = await plannedInstances(browser);
  assert.ok(planned >= 1, `the plan makes ${planned} instances`);
  assert.equal(held.instances.length, planned, JSON.stringify(held.instances));
  assert.ok(held.instances.every((i) => i.state === 'running'), JSON.stringify(held.instances));
  assert.ok(held.instances.some((i) => i.public_ip === values.app_public_ip), `${values.app_public_ip} is none of ${JSON.stringify(held.instances)}`);
  assert.equal(held.vpcs.length, 1, JSON.stringify(held.vpcs));
  assert.deepEqual(held.nat_gateways.map((n) => n.state), ['available']);
  assert.deepEqual(held.db_instances.map((d) => d.status), ['available']);
  const logCount = Number(await (await browser.$('[data-testid="log-panel"]')).getAttribute('data-count'));
  assert.ok(logCount > 10, `the log streamed (${logCount} lines)`);

  await (await browser.$('[data-testid="diagram-fit"]')).click();
  await browser.execute(() => document.querySelector('main')?.scrollTo(0, 0));
  await saveScreenshot(browser, 'environment-ready.png', { readme: true });
  // The environment's page (live diagram with states, outputs, log, Tear down) passes axe in
  // both themes.
  const found = [];
  for (const theme of ['dark', 'light']) {
    await (await browser.$('[data-testid="theme-choice"]')).selectByAttribute('value', theme);
    found.push(...(await axeViolations(browser)).map((v) => `${theme}: ${v}`));
  }
  await (await browser.$('[data-testid="theme-choice"]')).selectByAttribute('value', 'system');
  assert.deepEqual(found, []);
});

test("the environment's address brings it back, zoom included, after a reload and after Back", async () => {
  const { browser } = app;
  const zoom = () => browser.$('[data-testid="diagram-zoom"]').then((z) => z.getText());
  await (await browser.$('[data-testid="diagram-fit"]')).click();
  for (let i = 0; i < 3; i++) await (await browser.$('button[aria-label="Zoom in"]')).click();
  const zoomed = await zoom();
  // The view reaches the address at most every 250 ms (WebKit caps replaceState): wait for
  // the zoom on screen to be the one in the address.
  const inAddress = () =>
    browser.execute(() => {
      const z = new URLSearchParams(location.hash.split('?')[1] ?? '').get('z');
      return z === null ? null : `${Math.round(Number(z) * 100)}%`;
    });
  await browser.waitUntil(async () => (await inAddress()) === zoomed, {
    timeout: 5_000,
    timeoutMsg: `the zoom ${zoomed} never reached the address`,
  });
  const address = await browser.execute(() => location.hash);
  assert.match(address, new RegExp(`^#/environments/${ENV}\\?`));

  await browser.refresh();
  const page = await browser.$(`[data-testid="environment-page"][data-name="${ENV}"]`);
  await page.waitForDisplayed({ timeout: 20_000, timeoutMsg: 'the reload lost the environment' });
  await (await browser.$('[data-testid="diagram"][data-ready="true"]')).waitForExist({ timeout: 20_000 });
  // The diagram lays out, then takes the view from the address.
  await browser.waitUntil(async () => (await zoom()) === zoomed, {
    timeout: 5_000,
    timeoutMsg: `the reload did not keep the zoom ${zoomed}`,
  });
  assert.equal(await page.getAttribute('data-status'), 'ready');
  // A reload does not provision again: the history still has the one provision.
  const { ok: jobs = [] } = await invoke(browser, 'job_history');
  assert.deepEqual(jobs.filter((j) => j.environment === ENV).map((j) => j.kind), ['provision']);

  await (await browser.$('[data-testid="nav-history"]')).click();
  await (await browser.$('[data-testid="screen-history"]')).waitForDisplayed({ timeout: 10_000 });
  await browser.back();
  await page.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'Back did not return to the environment' });
  await browser.waitUntil(async () => (await zoom()) === zoomed, {
    timeout: 5_000,
    timeoutMsg: `Back did not keep the zoom ${zoomed}`,
  });
});

/** Clicks Refresh and waits for its job (the `n`th refresh of this environment) to end. */
async function refresh(browser, n) {
  const button = await browser.$('[data-testid="refresh"]');
  await button.waitForClickable({ timeout: 10_000 });
  await button.click();
  await browser.waitUntil(
    async () => {
      const { ok: jobs = [] } = await invoke(browser, 'job_history');
      return jobs.filter((j) => j.environment === ENV && j.kind === 'refresh' && j.status === 'succeeded').length === n;
    },
    { timeout: 60_000, interval: 250, timeoutMsg: `refresh ${n} never succeeded` },
  );
}

test('Refresh finds nothing gone, then finds an instance terminated behind its back; Repair makes it again', async () => {
  const { browser } = app;
  await refresh(browser, 1);
  assert.equal(await pageStatus(browser), 'ready');
  assert.equal(await (await browser.$('[data-testid="drifted-notice"]')).isExisting(), false);

  const sandbox = await sandboxOf(browser);
  const before = sandbox.liveTagged(ENV).instances;
  const [victim] = before;
  assert.equal(sandbox.terminate(victim.id).state, 'terminated');

  await refresh(browser, 2);
  const notice = await browser.$('[data-testid="drifted-notice"]');
  await notice.waitForDisplayed({ timeout: 10_000, timeoutMsg: 'the page never showed the drift' });
  assert.equal(await pageStatus(browser), 'drifted');
  assert.match(await notice.getText(), /instance\.app/);

  await (await browser.$('[data-testid="repair"]')).click();
  await browser.waitUntil(async () => (await pageStatus(browser)) === 'ready', {
    timeout: 120_000,
    interval: 250,
    timeoutMsg: 'Repair never made the environment ready',
  });
  assert.equal(await (await browser.$('[data-testid="drifted-notice"]')).isExisting(), false);
  // The emulator again holds as many running instances as before, one of them new.
  const after = sandbox.liveTagged(ENV).instances;
  assert.equal(after.length, before.length, JSON.stringify(after));
  assert.ok(after.every((i) => i.state === 'running'), JSON.stringify(after));
  assert.ok(!after.some((i) => i.id === victim.id), `${victim.id} is back: ${JSON.stringify(after)}`);
});

test('one click tears it down after the 5-second undo, and it is destroyed', async () => {
  const { browser } = app;
  await (await browser.$('[data-testid="teardown"]')).click();
  const countdown = await browser.$('[data-testid="teardown-countdown"]');
  await countdown.waitForDisplayed({ timeout: 5_000 });
  assert.match(await countdown.getText(), /Tearing down in \ds/);
  assert.ok(await (await browser.$('[data-testid="teardown-undo"]')).isDisplayed(), 'Undo is offered');
  assert.equal(await browser.execute(() => document.activeElement?.getAttribute('data-testid')), 'teardown-undo', 'focus moved to Undo');

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
  // Nothing tagged with the environment is left in the emulator, by its own listings (only
  // what AWS keeps listing after deletion, terminated instances and deleted NATs, is set aside).
  const sandbox = await sandboxOf(browser);
  assert.deepEqual(nonEmpty(sandbox.liveTagged(ENV)), {});
  assert.ok(sandbox.tagged(ENV).instances.length >= 2, 'the terminated instances are still listed, so the filter found them');
  await browser.waitUntil(async () => notificationSummaries().includes(`${ENV} torn down`), {
    timeout: 15_000,
    interval: 250,
    timeoutMsg: `no desktop notification said torn down: ${JSON.stringify(notificationSummaries())}`,
  });
  await saveScreenshot(browser, 'environment-destroyed.png');

  await (await browser.$('[data-testid="back-to-list"]')).click();
  const row = await browser.$(`[data-testid="environment-row"][data-name="${ENV}"]`);
  await row.waitForDisplayed({ timeout: 10_000 });
  assert.equal(await row.getAttribute('data-status'), 'destroyed');
  await saveScreenshot(browser, 'environments-list.png');

  await (await browser.$('[data-testid="nav-history"]')).click();
  const jobs = await browser.$$('[data-testid="job-item"]');
  await browser.waitUntil(async () => (await browser.$$('[data-testid="job-item"]')).length === 5, {
    timeout: 10_000,
    timeoutMsg: 'the history never listed all five jobs',
  });
  assert.ok(jobs.length <= 5);
  const kinds = await browser.execute(() =>
    [...document.querySelectorAll('[data-testid="job-item"]')].map((j) => j.getAttribute('data-kind')).sort(),
  );
  assert.deepEqual(kinds, ['provision', 'refresh', 'refresh', 'resume', 'teardown']);
  await browser.waitUntil(
    async () => Number(await (await browser.$('[data-testid="log-panel"]')).getAttribute('data-count')) > 0,
    { timeout: 10_000, timeoutMsg: 'the teardown log never loaded' },
  );
  await saveScreenshot(browser, 'history.png');
  assert.deepEqual(await pageErrors(browser), []);
});
