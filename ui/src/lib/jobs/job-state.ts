// What a job's events add up to: each node's state (the diagram's colours), n of N, the
// failures with AWS's reason, the log, and how the job ended. Pure: the page folds batches of
// events into it.
import type { Event as JobEvent, JobKind, NodeState } from '../bindings';

export interface LogEntry {
  /** Set for lines read from the history; live lines have none. */
  id?: number;
  at: string;
  level: string;
  source: string;
  message: string;
}

export interface NodeFailure {
  logical: string;
  kind: string;
  error: string;
}

export interface JobState {
  jobId: number | null;
  kind: JobKind;
  states: Record<string, NodeState>;
  awsIds: Record<string, string>;
  done: number;
  total: number;
  failures: NodeFailure[];
  /** Epoch ms when the job started (on this machine). */
  startedAt: number;
  finishedAt: number | null;
  /** `running` until the job ends, then `succeeded` or `failed`. */
  status: string;
  error: string | null;
}

export function newJob(kind: JobKind, now: number, states: Record<string, NodeState> = {}): JobState {
  return {
    jobId: null,
    kind,
    states,
    awsIds: {},
    done: 0,
    total: 0,
    failures: [],
    startedAt: now,
    finishedAt: null,
    status: 'running',
    error: null,
  };
}

/**
 * Folds a batch of events into a new state (the old one is untouched) and returns the log
 * lines the batch carried.
 */
export function applyEvents(
  state: JobState,
  events: readonly JobEvent[],
  now: number = Date.now(),
): { state: JobState; lines: LogEntry[] } {
  const next: JobState = { ...state, states: { ...state.states }, awsIds: { ...state.awsIds }, failures: [...state.failures] };
  const lines: LogEntry[] = [];
  const at = new Date(now).toISOString();
  for (const event of events) {
    switch (event.type) {
      case 'jobStarted':
        next.jobId = event.job_id;
        next.kind = event.kind;
        next.total = event.total;
        next.done = 0;
        break;
      case 'node':
        next.states[event.logical] = event.state;
        if (event.aws_id) next.awsIds[event.logical] = event.aws_id;
        next.failures = next.failures.filter((f) => f.logical !== event.logical);
        if (event.state === 'failed') {
          next.failures.push({ logical: event.logical, kind: event.kind, error: event.error ?? 'failed' });
        }
        break;
      case 'progress':
        next.done = event.done;
        next.total = event.total;
        break;
      case 'log':
        lines.push({ at, level: event.level, source: event.source, message: event.message });
        break;
      case 'jobFinished':
        next.status = event.status;
        next.error = event.error;
        next.finishedAt = now;
        break;
    }
  }
  return { state: next, lines };
}

/** The diagram's colours from the history (no job running): the journal's resource states. */
export function statesFromResources(
  logicals: readonly string[],
  resources: readonly { logical: string; state: string }[],
): Record<string, NodeState> {
  const known = new Map(resources.map((r) => [r.logical, r.state]));
  const states: Record<string, NodeState> = {};
  for (const logical of logicals) states[logical] = toNodeState(known.get(logical));
  return states;
}

function toNodeState(state: string | undefined): NodeState {
  switch (state) {
    case 'creating':
    case 'ready':
    case 'failed':
    case 'deleting':
    case 'deleted':
      return state;
    // Gone from AWS since it was made (a refresh found it so): red until repaired.
    case 'missing':
      return 'failed';
    default:
      return 'pending';
  }
}
