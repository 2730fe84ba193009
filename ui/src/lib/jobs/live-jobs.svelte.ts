// Jobs running in this window, by environment name. They outlive the page that started them:
// leave the Environment page and come back, and the diagram, the progress and the log are
// where the job is. Events reach the state once per animation frame (see batcher.ts).
import type { EnvironmentsApi, JobEvent } from '../environments-api';
import type { JobKind, JobView, NodeState } from '../bindings';
import { createBatcher, type Schedule } from './batcher';
import { applyEvents, newJob, type JobState } from './job-state';
import { LogBuffer } from './log-buffer.svelte';

export interface LiveJob {
  state: JobState;
  /** Appended in place: the same buffer for the whole job (see log-buffer.svelte.ts). */
  log: LogBuffer;
}

// The record and each LiveJob are replaced on change (a few small objects); the log is not
// copied: it keeps its identity and its own reactivity.
let jobs = $state.raw<Record<string, LiveJob>>({});

/** The job this window runs or ran on `name`; reactive where it is read. */
export function liveJob(name: string): LiveJob | undefined {
  return jobs[name];
}

/** Forgets every job (tests), or sets them. */
export function setLiveJobs(next: Record<string, LiveJob> = {}): void {
  jobs = next;
}

function update(name: string, change: (live: LiveJob) => LiveJob | null): void {
  const live = jobs[name];
  if (!live) return;
  const next = change(live);
  if (next) jobs = { ...jobs, [name]: next };
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
  jobs = { ...jobs, [name]: { state: newJob(kind, Date.now(), states), log: new LogBuffer() } };
  const batcher = createBatcher<JobEvent>((events) => {
    update(name, (live) => {
      const { state, lines } = applyEvents(live.state, events);
      live.log.append(lines);
      return { ...live, state };
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
    update(name, (live) =>
      live.state.finishedAt !== null
        ? null
        : { ...live, state: { ...live.state, status: 'failed', finishedAt: Date.now() } },
    );
  }
}

export function isRunning(live: LiveJob | undefined): boolean {
  return live !== undefined && live.state.finishedAt === null;
}

/** The generated password's panel was closed: it is not shown again unasked. */
export function passwordSeen(name: string): void {
  update(name, (live) =>
    live.state.passwordGenerated ? { ...live, state: { ...live.state, passwordGenerated: false } } : null,
  );
}
