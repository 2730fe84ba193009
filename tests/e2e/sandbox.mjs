// The Sandbox as the tests see it: the endpoint is the one the app reports, but every read and
// every change behind the app's back goes through plain boto3 (sandbox.py), not Hangar's code,
// so a test that checks AWS's state cannot be fooled by what the app believes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

import { invoke, repo } from './harness.mjs';

const python = process.env.HANGAR_E2E_PYTHON ?? path.join(repo, '.venv/bin/python');
const script = path.join(repo, 'tests/e2e/sandbox.py');

/** The Sandbox the running app talks to: `{ tagged, liveTagged, userData, terminate }`. */
export async function sandboxOf(browser) {
  const { ok: info, error } = await invoke(browser, 'app_info');
  assert.ok(info?.sandbox?.endpoint, `the app reports no Sandbox: ${JSON.stringify(error ?? info)}`);
  assert.ok(existsSync(python), `${python} is missing: boto3 comes with the emulator (scripts/setup.sh)`);
  const { endpoint, region } = info.sandbox;
  const run = (...args) =>
    JSON.parse(execFileSync(python, [script, endpoint, region, ...args], { encoding: 'utf8', timeout: 60_000 }));
  return {
    endpoint,
    /** Everything tagged `hangar:env=<env>`, by kind, terminated instances included. */
    tagged: (env) => run('tagged', env),
    /** The same without what AWS keeps listing once gone (terminated instances, deleted NATs). */
    liveTagged: (env) => {
      const all = run('tagged', env);
      return {
        ...all,
        instances: all.instances.filter((i) => i.state !== 'terminated'),
        nat_gateways: all.nat_gateways.filter((n) => n.state !== 'deleted'),
      };
    },
    /** `{ script, files }`: the instance's user data as AWS holds it, and the files it writes. */
    userData: (instanceId) => run('user-data', instanceId),
    terminate: (instanceId) => run('terminate', instanceId),
  };
}

/** The kinds of `state` that still hold something, with what they hold. */
export function nonEmpty(state) {
  return Object.fromEntries(Object.entries(state).filter(([, ids]) => ids.length > 0));
}
