// What a job's events add up to: each node's state (the diagram's colours), n of N, the
// failures with AWS's reason, the log, and how the job ended. Pure: the page folds batches of
// events into it.
import type {
  Event as JobEvent,
  JobFailure,
  JobKind,
  JobStatus,
  LogLevel,
  NodeState,
  ResourceState,
} from '../bindings';

export interface LogEntry {
  /** Set for lines read from the history; live lines have none. */
  id?: number;
  at: string;
  level: LogLevel;
  source: string;
  message: string;
}

export interface NodeFailure {
  logical: string;
  kind: string;
  error: string;
  /** AWS's error code, once the job's stored failures say it. */
  awsCode: string | null;
}

/** A job's stored failures as the failure panel shows them: per node, and the job's own. */
export function splitFailures(failures: readonly JobFailure[]): { nodes: NodeFailure[]; job: string[] } {
  const nodes: NodeFailure[] = [];
  const job: string[] = [];
  for (const f of failures) {
    if (f.node === null) job.push(f.message);
    else nodes.push({ logical: f.node, kind: f.kind ?? '', error: f.message, awsCode: f.awsCode });
  }
  return { nodes, job };
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
  status: JobStatus;
  error: string | null;
  /** The job's own failures (not of one node), once it ended. */
  jobErrors: string[];
  /** The job made the environment's password: the page shows it once. Never the value. */
  passwordGenerated: boolean;
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
    jobErrors: [],
    passwordGenerated: false,
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
  const next: JobState = {
    ...state,
    states: { ...state.states },
    awsIds: { ...state.awsIds },
    failures: [...state.failures],
  };
  const lines: LogEntry[] = [];
  const at = new Date(now).toISOString();
  for (const event of events) {
    switch (event.type) {
      case 'jobStarted':
        next.jobId = event.jobId;
        next.kind = event.kind;
        next.total = event.total;
        next.done = 0;
        break;
      case 'node':
        next.states[event.logical] = event.state;
        if (event.awsId) next.awsIds[event.logical] = event.awsId;
        next.failures = next.failures.filter((f) => f.logical !== event.logical);
        if (event.state === 'failed') {
          next.failures.push({
            logical: event.logical,
            kind: event.kind,
            error: event.error ?? 'failed',
            awsCode: null,
          });
        }
        break;
      case 'passwordGenerated':
        // The page reads the value from the keychain itself; the state keeps only the fact.
        next.passwordGenerated = true;
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
        // The stored failures carry AWS's codes: they replace what the node events said.
        if (event.failures.length > 0) {
          const { nodes, job } = splitFailures(event.failures);
          next.failures = nodes;
          next.jobErrors = job;
        }
        break;
    }
  }
  return { state: next, lines };
}

/** The diagram's colours from the history (no job running): the journal's resource states. */
export function statesFromResources(
  logicals: readonly string[],
  resources: readonly { logical: string; state: ResourceState }[],
): Record<string, NodeState> {
  const known = new Map(resources.map((r) => [r.logical, r.state]));
  const states: Record<string, NodeState> = {};
  for (const logical of logicals) states[logical] = toNodeState(known.get(logical));
  return states;
}

function toNodeState(state: ResourceState | undefined): NodeState {
  // Nothing recorded yet: it waits its turn.
  if (state === undefined) return 'pending';
  switch (state) {
    case 'creating':
    case 'ready':
    case 'failed':
    case 'deleting':
    case 'deleted':
    case 'retained':
    case 'stopped':
      return state;
    // Gone from AWS since it was made (a refresh found it so): red until repaired.
    case 'missing':
      return 'failed';
  }
}
