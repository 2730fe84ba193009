// A finished job's log from the history, from its end: a job of a million lines shows its last
// lines as fast as one of a hundred, and earlier pages load on request.
import type { EnvironmentsApi } from '../environments-api';
import type { LogEntry } from './job-state';

export const LOG_TAIL = 1000;

export interface LoadedLog {
  lines: LogEntry[];
  /** Earlier lines remain before the first of these. */
  earlier: boolean;
}

/** The last `LOG_TAIL` lines of a job, or the page before `beforeId`. */
export async function loadJobLog(
  api: Pick<EnvironmentsApi, 'jobLogTail'>,
  jobId: number,
  beforeId: number | null = null,
): Promise<LoadedLog> {
  const tail = await api.jobLogTail(jobId, beforeId, LOG_TAIL);
  return { lines: tail.lines, earlier: tail.earlier };
}
