// Team mode in the real window: another machine (the checkout's `hangar` CLI over a data
// directory of its own, against the same Sandbox) makes an environment in team mode; the app
// finds it in the account once the Sandbox profile is in team mode, adopts it, and lists it
// with its own environments.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appForFile, axeViolations, invoke, pageErrors, repo, saveScreenshot } from './harness.mjs';

const app = appForFile();
const ENV = 'team-dev';

/** The checkout's CLI as another machine: its own history, a profile for the same Sandbox. */
function otherMachine(endpoint) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hangar-other-machine-'));
  const hangar = (args, input) =>
    execFileSync(path.join(repo, 'target/debug/hangar'), ['--data-dir', dataDir, ...args], {
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'inherit'],
      timeout: 180_000,
    });
  hangar(
    ['profile', 'add', 'mate', '--region', 'us-east-1', '--access-key-id', 'AKIAOTHERMACHINE0001', '--secret-stdin',
      '--endpoint', endpoint, '--default'],
    'testing\n',
  );
  hangar(['profile', 'team', 'mate', 'on']);
  return hangar;
}

test("the Sandbox's account shows another machine's environment, which the window adopts", async () => {
  const { browser } = app;
  const info = await invoke(browser, 'app_info');
  const hangar = otherMachine(info.ok.sandbox.endpoint);
  hangar(['up', 'single-host-dev', '--name', ENV]);

  await (await browser.$('[data-testid="nav-environments"]')).click();
  const section = await browser.$('[data-testid="account-environments"]');
  await section.waitForDisplayed({ timeout: 10_000 });
  await browser.waitUntil(async () => (await (await browser.$('[data-testid="account-profile"]')).getValue()) === 'Sandbox', {
    timeout: 10_000,
    timeoutMsg: 'the default profile was never picked',
  });
  await (await browser.$('[data-testid="account-look"]')).click();
  await (await browser.$('[data-testid="account-not-team"]')).waitForDisplayed({ timeout: 15_000 });
  await (await browser.$('[data-testid="account-team-on"]')).click();

  const row = await browser.$(`[data-testid="account-row"][data-name="${ENV}"]`);
  await row.waitForDisplayed({ timeout: 30_000, timeoutMsg: "the other machine's environment never showed" });
  assert.match(await row.getText(), /arn:aws:/);
  await section.scrollIntoView({ block: 'center' });
  await saveScreenshot(browser, 'team-account.png');
  assert.deepEqual(await axeViolations(browser), []);

  await (await row.$('[data-testid="account-adopt"]')).click();
  const adopted = await browser.$(`[data-testid="environment-row"][data-name="${ENV}"]`);
  await adopted.waitForDisplayed({ timeout: 15_000, timeoutMsg: 'the adopted environment never joined the list' });
  assert.equal(await adopted.getAttribute('data-status'), 'ready');
  await browser.waitUntil(async () => (await row.getAttribute('data-here')) === 'true', {
    timeout: 15_000,
    timeoutMsg: 'the account list never said it is here now',
  });
  const listed = await invoke(browser, 'list_environments');
  assert.deepEqual(
    listed.ok.map((e) => [e.name, e.profile]),
    [[ENV, 'Sandbox']],
  );
  assert.deepEqual(await pageErrors(browser), []);
});
