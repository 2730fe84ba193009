// Jobs running in this window, by environment name. They outlive the page that started them:
// leave the Environment page and come back, and the diagram, the progress and the log are
// where the job is. Events reach the store once per animation frame (see batcher.ts).
import { get, writable } from 'svelte/store';
import type { EnvironmentsApi, JobEvent } from '../environments-api';
import type { JobKind, JobView, NodeState } from '../bindings';
import { createBatcher, type Schedule } from './batcher';
import { applyEvents, newJob, type JobState, type LogEntry } from './job-state';

export interface LiveJob {
  state: JobState;
  lines: LogEntry[];
}

export const liveJobs = writable<Record<string, LiveJob>>({});

export function liveJob(name: string): LiveJob | undefined {
  return get(liveJobs)[name];
}

/**
 * Runs `kind` on `name` through the api; resolves with the finished job (rejects with the
 * job's `ApiError`). `states` are the diagram's colours before the first event; `confirmName`
 * is the environment's name as typed in a prod teardown's dialog.
 */
export async function runLiveJob(
  api: Pick<EnvironmentsApi, 'runJob'>,
  kind: JobKind,
  name: string,
  states: Record<string, NodeState> = {},
  schedule?: Schedule,
  confirmName?: string,
): Promise<JobView> {
  liveJobs.update((jobs) => ({ ...jobs, [name]: { state: newJob(kind, Date.now(), states), lines: [] } }));
  const batcher = createBatcher<JobEvent>((events) => {
    liveJobs.update((jobs) => {
      const live = jobs[name];
      if (!live) return jobs;
      const { state, lines } = applyEvents(live.state, events);
      return { ...jobs, [name]: { state, lines: lines.length > 0 ? live.lines.concat(lines) : live.lines } };
    });
  }, schedule);
  try {
    const onEvent = (event: JobEvent): void => batcher.push(event);
    // Only a prod teardown carries a confirmation; every other job is called as before.
    return await (confirmName === undefined
      ? api.runJob(kind, name, onEvent)
      : api.runJob(kind, name, onEvent, confirmName));
  } finally {
    batcher.flush();
    // A job refused before it started (busy, bad credentials) leaves nothing running.
    liveJobs.update((jobs) => {
      const live = jobs[name];
      if (!live || live.state.finishedAt !== null) return jobs;
      return { ...jobs, [name]: { ...live, state: { ...live.state, status: 'failed', finishedAt: Date.now() } } };
    });
  }
}

export function isRunning(live: LiveJob | undefined): boolean {
  return live !== undefined && live.state.finishedAt === null;
}

/** The generated password's panel was closed: it is not shown again unasked. */
export function passwordSeen(name: string): void {
  liveJobs.update((jobs) => {
    const live = jobs[name];
    if (!live || !live.state.passwordGenerated) return jobs;
    return { ...jobs, [name]: { ...live, state: { ...live.state, passwordGenerated: false } } };
  });
}
