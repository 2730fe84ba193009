// The Environments and History screens' commands. `api.ts` spreads these into the app's `Api`,
// so screens get them from context like every other command. A running job streams its
// events through a Tauri channel; `environments-changed` says a list should reload.
import { Channel } from '@tauri-apps/api/core';
import type {
  AccountEnvironments,
  CreateEnvironmentInput,
  EnvironmentDetail,
  EnvironmentExpiring,
  EnvironmentSummary,
  Event as JobEvent,
  JobKind,
  JobView,
  LogLine,
  LogTail,
} from './bindings';
import type { Call } from './call';

export type { EnvironmentExpiring, JobEvent };

export interface EnvironmentsApi {
  listEnvironments(): Promise<EnvironmentSummary[]>;
  getEnvironment(name: string): Promise<EnvironmentDetail>;
  /** Validates and records it; nothing is sent to AWS yet. */
  createEnvironment(input: CreateEnvironmentInput): Promise<EnvironmentSummary>;
  /** More time before it is torn down by itself (`4h`, `2d`), or `never`. */
  extendEnvironment(name: string, by: string): Promise<EnvironmentSummary>;
  /** The days and hours it runs (`mon-fri 08:00-19:00`, this machine's zone unless named), or `off`. */
  setOfficeHours(name: string, hours: string): Promise<EnvironmentSummary>;
  /** Runs a job to its end, calling `onEvent` for each event meanwhile. */
  /** `confirmName`: the environment's name typed out; a prod teardown is refused without it. */
  runJob(kind: JobKind, name: string, onEvent: (event: JobEvent) => void, confirmName?: string): Promise<JobView>;
  jobLogs(jobId: number, afterId: number, limit: number): Promise<LogLine[]>;
  /** The last `limit` lines before `beforeId` (null: the end), oldest first. */
  jobLogTail(jobId: number, beforeId: number | null, limit: number): Promise<LogTail>;
  jobHistory(): Promise<JobView[]>;
  /** Jobs a crash left behind (found at start) that still wait for Resume or Tear down. */
  interruptedJobs(): Promise<JobView[]>;
  /** The environment's generated password, read from the keychain on each call. */
  environmentPassword(name: string): Promise<string>;
  /** What `profile`'s account records in its team state bucket; nothing when not in team mode. */
  accountEnvironments(profile: string): Promise<AccountEnvironments>;
  /** Brings an environment the account records into this history, under `profile`. */
  adoptEnvironment(name: string, profile: string): Promise<EnvironmentSummary>;
  /** On, in `bucket` under `prefix` when given (null: the default), or off. */
  setTeamMode(profile: string, on: boolean, bucket?: string | null, prefix?: string | null): Promise<void>;
  /** Calls `handler` whenever an environment's status changes; returns the unsubscribe. */
  onEnvironmentsChanged(handler: () => void): Promise<() => void>;
  /** Calls `handler` when the app's timer warns that an environment expires soon. */
  onEnvironmentExpiring(handler: (expiring: EnvironmentExpiring) => void): Promise<() => void>;
}

export const ENVIRONMENTS_CHANGED = 'environments-changed';
export const ENVIRONMENT_EXPIRING = 'environment-expiring';

export function environmentCommands(call: Call): EnvironmentsApi {
  return {
    listEnvironments: () => call('list_environments'),
    getEnvironment: (name) => call('get_environment', { name }),
    createEnvironment: (input) => call('create_environment', { input }),
    extendEnvironment: (name, by) => call('extend_environment', { name, by }),
    setOfficeHours: (name, hours) => call('set_office_hours', { name, hours }),
    runJob: (kind, name, onEvent, confirmName) =>
      call('run_job', {
        kind,
        name,
        confirmName: confirmName ?? null,
        onEvent: new Channel<JobEvent>(onEvent),
      }),
    jobLogs: (jobId, afterId, limit) => call('job_logs', { jobId, afterId, limit }),
    jobLogTail: (jobId, beforeId, limit) => call('job_log_tail', { jobId, beforeId, limit }),
    jobHistory: () => call('job_history'),
    interruptedJobs: () => call('interrupted_jobs'),
    environmentPassword: (name) => call('environment_password', { name }),
    accountEnvironments: (profile) => call('account_environments', { profile }),
    adoptEnvironment: (name, profile) => call('adopt_environment', { name, profile }),
    setTeamMode: (profile, on, bucket = null, prefix = null) => call('set_team_mode', { profile, on, bucket, prefix }),
    onEnvironmentsChanged: async (handler) => {
      // Outside Tauri (unit tests, a plain browser) nothing ever changes behind our back.
      if (!('__TAURI_INTERNALS__' in window)) return () => {};
      const { listen } = await import('@tauri-apps/api/event');
      return listen(ENVIRONMENTS_CHANGED, () => handler());
    },
    onEnvironmentExpiring: async (handler) => {
      if (!('__TAURI_INTERNALS__' in window)) return () => {};
      const { listen } = await import('@tauri-apps/api/event');
      return listen<EnvironmentExpiring>(ENVIRONMENT_EXPIRING, (event) => handler(event.payload));
    },
  };
}
