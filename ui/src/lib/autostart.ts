// "Start this job when the environment's page opens" (a just-created environment is provisioned
// at once): a one-shot intent held in memory, taken by the page that runs it. It is never in the
// URL or in history, so a reload, Back or Forward to the page cannot start the job again.
import type { JobKind } from './bindings';

const intents = new Map<string, JobKind>();

/** Asks the next page that opens `environment` to run `kind`. */
export function requestAutostart(environment: string, kind: JobKind): void {
  intents.set(environment, kind);
}

/** The job to start on `environment`'s page, once: a second call answers null. */
export function takeAutostart(environment: string): JobKind | null {
  const kind = intents.get(environment) ?? null;
  intents.delete(environment);
  return kind;
}
