// Never run, only type-checked (`npm run check`): each call marked @ts-expect-error is one the
// generated command map must refuse. Were the map to stop refusing it (a loose type, a
// hand-written `string` key), the directive would be unused and the check would fail.
import { Channel } from '@tauri-apps/api/core';
import type { Event } from './bindings';
import { typedCall } from './call';

const call = typedCall(() => Promise.reject(new Error('never run')));

function takesString(_: string): void {}
function takesNumber(_: number): void {}

export async function callsTheMapRefuses(): Promise<void> {
  // The right calls compile.
  await call('plan_blueprint', { name: 'web', source: null, overrides: { size: 'small' }, profile: null });
  await call('run_job', { kind: 'teardown', name: 'dev', confirmName: 'dev', onEvent: new Channel<Event>() });
  takesNumber(await call('export_users', { env: 'dev', path: '/tmp/users.csv' }));
  // @ts-expect-error: an argument key Rust does not read (`name` misspelt)
  await call('plan_blueprint', { nmae: 'web', source: null, overrides: null, profile: null });
  // @ts-expect-error: an argument missing
  await call('plan_blueprint', { name: 'web', source: null, overrides: null });
  // @ts-expect-error: the Rust name instead of the key Tauri reads (`confirmName`)
  await call('run_job', { kind: 'teardown', name: 'dev', confirm_name: 'dev', onEvent: new Channel<Event>() });
  // @ts-expect-error: a command that does not exist
  await call('plan_blueprints', { name: 'web', source: null, overrides: null, profile: null });
  // @ts-expect-error: no arguments for a command that takes some
  await call('get_blueprint');
  // @ts-expect-error: arguments for a command that takes none
  await call('app_info', { name: 'web' });
  // @ts-expect-error: an argument of the wrong type
  await call('job_logs', { jobId: '1', afterId: 0, limit: 10 });
  // @ts-expect-error: what comes back is what Rust returns (a row count)
  takesString(await call('export_users', { env: 'dev', path: '/tmp/users.csv' }));
}
