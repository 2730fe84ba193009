// Every command the window may call, called from the page as script that got into it would:
// with hostile arguments (paths outside what the person granted, shell metacharacters, NUL, a
// megabyte of text, a forged endpoint). The list of commands is read from the Rust source that
// grants them (src-tauri/src/commands/names.rs), so a new command fails this test until it has
// its hostile calls here. Afterwards nothing outside the grant was read (a canary secret never
// comes back), nothing was written (no file at the targets, a bait file unchanged), and nothing
// was recorded (no profile, environment or blueprint came of it).
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { appForFile, notificationSummaries, pageErrors, repo } from './harness.mjs';

// Each refusal is a failed WebDriver command: not repeated, so each hostile call runs once.
const app = appForFile({ retries: 0 });

const CANARY = 'wJalrXUtnFEMIK7MDENGbPxRfiCYCANARY';
const bait = mkdtempSync(path.join(os.tmpdir(), 'hangar-bait-'));
const secret = path.join(bait, '.env');
writeFileSync(secret, `AWS_SECRET_ACCESS_KEY=${CANARY}\nusername,email\n`);
const victim = path.join(bait, 'victim.csv');
writeFileSync(victim, 'username,email\nalice,alice@example.com\n');
const pwned = path.join(bait, 'pwned');
const homeTarget = path.join(os.homedir(), '.hangar-hostile-write');

/** Strings no command may act on: each is refused, or found to name nothing. */
const HOSTILE = [
  secret,
  '../../../../etc/passwd',
  `$(touch ${pwned})`,
  `\`touch ${pwned}\``,
  `'; touch ${pwned} #`,
  'a\u0000b',
  'line\u2028break',
  '/dev/zero',
  'x'.repeat(1 << 16),
];

/** A blueprint that does not plan or save is an answer: `invalid`, with each error's path. */
function invalid(answer) {
  return JSON.parse(answer).status === 'invalid';
}

/** A channel for run_job's events, as the page's API makes one. */
const CHANNEL = '__channel__';

/**
 * For each command, the calls to make. `refused`: every call must fail (or, as a function,
 * judge the answer a refusal). Otherwise the call
 * may answer (a list, nothing found), but never with the canary. Commands that open a native
 * dialog are not called: the person picks the file there, and nothing the page sends can pick it.
 */
const CALLS = {
  app_info: { args: [{ path: secret }] },
  // Only the first report counts: a page calling again learns the same figure.
  first_paint: { args: [{ sinceStartMs: secret }, {}] },
  list_profiles: { args: [{ name: secret }] },
  get_profile: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  save_profile: {
    refused: true,
    args: [
      // Signed requests must not go to a host the page chose.
      profile('evil', { endpoint: 'http://evil.example' }),
      profile('evil', { endpoint: 'http://10.0.0.1:4566' }),
      ...HOSTILE.map((name) => profile(name, {})),
    ],
  },
  delete_profile: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  set_default_profile: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  test_profile: { refused: true, args: HOSTILE.map((name) => ({ name, mfaCode: name })) },
  list_aws_config_profiles: { args: [{ path: secret }] },
  import_aws_profiles: { args: HOSTILE.map((name) => ({ names: [name] })) },
  list_blueprints: { args: [{}] },
  get_blueprint: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  plan_blueprint: {
    refused: invalid,
    args: [
      ...HOSTILE.map((name) => ({ name, source: null, overrides: null })),
      // Values that would reach the root shell of the user data.
      ...HOSTILE.map((value) => ({ name: 'docker-host', source: null, overrides: { project: value } })),
      { name: 'docker-host', source: null, overrides: { compose_dir: `/opt/app; touch ${pwned}` } },
    ],
  },
  save_user_blueprint: {
    refused: invalid,
    args: HOSTILE.map((name) => ({ name, basedOn: 'docker-host', source: `name = "${name}"` })),
  },
  delete_user_blueprint: { args: HOSTILE.map((name) => ({ name })) },
  check_users_file: { refused: true, args: [...HOSTILE, victim].map((p) => ({ path: p, roles: null })) },
  import_users: {
    refused: true,
    args: [...HOSTILE, victim].map((p) => ({ env: 'dev', path: p, acceptValid: true, roles: null })),
  },
  list_users: { refused: true, args: HOSTILE.map((env) => ({ env })) },
  export_users: {
    refused: true,
    args: [homeTarget, victim, pwned, '/dev/null'].map((p) => ({ env: 'dev', path: p })),
  },
  users_targets: { args: [{}] },
  pick_users_file: { dialog: true },
  pick_export_path: { dialog: true },
  list_environments: { args: [{}] },
  get_environment: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  create_environment: {
    refused: true,
    args: [
      ...HOSTILE.map((name) => environment(name, {})),
      ...HOSTILE.map((value) => environment('dev', { project: value })),
      environment('dev', {}, ''),
    ],
  },
  // No environment of these names exists; a lifetime that is not one is refused first.
  extend_environment: {
    refused: true,
    args: [
      ...HOSTILE.map((name) => ({ name, by: '1h' })),
      ...HOSTILE.map((by) => ({ name: 'dev', by })),
      { name: 'dev', by: '91d' },
    ],
  },
  // No environment of these names exists; hours that are not hours are refused before the
  // name is looked up.
  set_office_hours: {
    refused: true,
    args: [
      ...HOSTILE.map((name) => ({ name, hours: 'mon-fri 08:00-19:00 UTC' })),
      ...HOSTILE.map((hours) => ({ name: 'dev', hours })),
      { name: 'dev', hours: 'mon-fri 19:00-08:00 UTC' },
    ],
  },
  // No profile of these names exists; the Sandbox is not in team mode, so nothing is looked up.
  account_environments: {
    refused: (answer) => JSON.parse(answer).teamMode === false,
    args: [...HOSTILE.map((profile) => ({ profile })), { profile: 'Sandbox' }],
  },
  // Nothing of these names is recorded in any account, and no profile of these names exists.
  adopt_environment: {
    refused: true,
    args: [
      ...HOSTILE.map((name) => ({ name, profile: 'Sandbox' })),
      ...HOSTILE.map((profile) => ({ name: 'dev', profile })),
    ],
  },
  // No profile of these names exists, so no team mode is recorded; for the Sandbox, a bucket
  // S3 would refuse, or a prefix that climbs, holds a NUL or passes 200 characters, is refused
  // before anything is kept (a prefix never reaches a shell, so `$(...)` is only a key).
  set_team_mode: {
    refused: true,
    args: [
      ...HOSTILE.map((profile) => ({ profile, on: true })),
      ...HOSTILE.map((bucket) => ({ profile: 'Sandbox', on: true, bucket })),
      ...['../../../../etc/passwd', 'a\u0000b', 'x'.repeat(1 << 16)].map((prefix) => ({
        profile: 'Sandbox',
        on: true,
        prefix,
      })),
    ],
  },
  // No environment of these names exists, so no password is read from the keychain.
  environment_password: { refused: true, args: HOSTILE.map((name) => ({ name })) },
  job_logs: { args: [{ jobId: -1, afterId: -1, limit: 4294967295 }] },
  job_log_tail: {
    args: [
      { jobId: -1, beforeId: -1, limit: 4294967295 },
      { jobId: -1, beforeId: null, limit: 0 },
    ],
  },
  job_history: { args: [{}] },
  interrupted_jobs: { args: [{}] },
  run_job: {
    refused: true,
    args: [
      ...['provision', 'teardown', 'resume', 'refresh'].flatMap((kind) =>
        HOSTILE.map((name) => ({ kind, name, confirmName: name, onEvent: CHANNEL })),
      ),
      { kind: `rm -rf ${bait}`, name: 'dev', confirmName: null, onEvent: CHANNEL },
    ],
  },
  // No job is waiting: every answer names a request that does not exist.
  answer_mfa_prompt: {
    refused: true,
    args: [
      ...HOSTILE.map((code) => ({ requestId: 1, code })),
      { requestId: -1, code: null },
      { requestId: Number.MAX_SAFE_INTEGER, code: '123456' },
    ],
  },
};

function profile(name, { endpoint = null }) {
  return {
    input: {
      name,
      region: 'us-east-1',
      endpoint,
      isDefault: true,
      credentials: { kind: 'accessKeys', accessKeyId: 'AKIAHOSTILE000000000', secretAccessKey: CANARY },
    },
  };
}

function environment(name, overrides, profileName = 'nope') {
  return {
    input: { name, blueprint: 'docker-host', source: null, overrides, profile: profileName, onFailure: 'keep' },
  };
}

/** The commands the Rust side grants to the window, read from its source. */
function grantedCommands() {
  const source = readFileSync(path.join(repo, 'src-tauri/src/commands/names.rs'), 'utf8');
  // `module::command,`, one per line, inside `commands! { ... }`.
  return [...source.matchAll(/^\s+[a-z_]+::([a-z_]+),$/gm)].map((m) => m[1]);
}

/**
 * Calls `cmd` through the page's IPC bridge, a channel made in the page where asked for. A
 * refusal reaches WebDriver as a script error carrying the `{ code, message }` the command
 * rejected with.
 */
async function call(browser, cmd, args) {
  return browser.executeAsync(
    (c, a, marker, done) => {
      const internals = window.__TAURI_INTERNALS__;
      const withChannel = Object.fromEntries(
        Object.entries(a).map(([k, v]) => [k, v === marker ? `__CHANNEL__:${internals.transformCallback(() => {})}` : v]),
      );
      internals.invoke(c, withChannel).then(
        (value) => done({ ok: JSON.stringify(value) ?? 'null' }),
        (error) => done({ error: JSON.stringify(error) ?? String(error) }),
      );
    },
    cmd,
    args,
    CHANNEL,
  ).catch((e) => ({ error: String(e.message) }));
}

test('every command, called with hostile arguments, reads, writes and records nothing it was not granted', async () => {
  const { browser } = app;
  const commands = grantedCommands();
  assert.ok(commands.length >= 28, `names.rs lists ${commands.length} commands`);
  assert.deepEqual(commands.filter((c) => !(c in CALLS)), [], 'a command without hostile calls here');
  const info = JSON.parse((await call(browser, 'app_info', {})).ok);
  const notified = notificationSummaries().length;

  for (const cmd of commands) {
    const { args = [], refused = false, dialog = false } = CALLS[cmd];
    if (dialog) continue;
    for (const a of args) {
      const result = await call(browser, cmd, a);
      const shown = `${cmd}(${JSON.stringify(a).slice(0, 120)})`;
      if (refused) {
        const no = 'error' in result || (typeof refused === 'function' && refused(result.ok));
        assert.ok(no, `${shown} was not refused: ${result.ok?.slice(0, 200)}`);
      }
      const answer = result.ok ?? result.error;
      assert.doesNotMatch(answer, new RegExp(CANARY), `${shown} answered with the canary`);
    }
  }

  // No job started, so none ended: a refused run_job tells the desktop nothing.
  assert.equal(notificationSummaries().length, notified, 'a refused job sent a notification');
  assert.ok(!existsSync(pwned), 'a shell ran a hostile value');
  assert.ok(!existsSync(homeTarget), `${homeTarget} was written`);
  assert.equal(readFileSync(victim, 'utf8'), 'username,email\nalice,alice@example.com\n');
  assert.deepEqual(readdirSync(bait).sort(), ['.env', 'victim.csv']);
  // Nothing recorded from any of it.
  // The Sandbox's own profile is the app's; none came from the page.
  const profiles = JSON.parse((await call(browser, 'list_profiles', {})).ok);
  assert.deepEqual(profiles.map((p) => p.kind), ['sandbox']);
  assert.equal((await call(browser, 'list_environments', {})).ok, '[]');
  const blueprints = JSON.parse((await call(browser, 'list_blueprints', {})).ok);
  assert.deepEqual(blueprints.filter((b) => b.origin !== 'builtin').map((b) => b.name), []);
  // Nothing written outside the data directory the app was given.
  assert.ok(info.dataDir && existsSync(info.dataDir), JSON.stringify(info));
  assert.deepEqual(await pageErrors(browser), []);
});
