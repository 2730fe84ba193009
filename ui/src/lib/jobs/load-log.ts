// A finished job's whole log from the history, page by page.
import type { EnvironmentsApi } from '../environments-api';
import type { LogEntry } from './job-state';

export const LOG_PAGE = 5000;

export async function loadJobLog(api: Pick<EnvironmentsApi, 'jobLogs'>, jobId: number): Promise<LogEntry[]> {
  const lines: LogEntry[] = [];
  let after = 0;
  for (;;) {
    const page = await api.jobLogs(jobId, after, LOG_PAGE);
    lines.push(...page);
    const last = page[page.length - 1];
    if (!last || page.length < LOG_PAGE) return lines;
    after = last.id;
  }
}
