// The environment the user asked for on the Blueprints screen, waiting on the Environments
// screen until provisioning (the engine) can take it.
import { writable } from 'svelte/store';

export interface PendingEnvironment {
  /** A suggested environment name, e.g. `skillancer-dev`. */
  name: string;
  blueprint: string;
  title: string;
  /** Every parameter's resolved value, as the plan reported it. */
  parameters: Record<string, string>;
  /** Only what the user changed, in `--set` form. */
  overrides: Record<string, string>;
  monthlyTotal: number | null;
}

export const pendingEnvironment = writable<PendingEnvironment | null>(null);

/** `project-environment` when the blueprint has those parameters, else the blueprint's name. */
export function suggestName(blueprint: string, parameters: Record<string, string>): string {
  const base = parameters.project || blueprint;
  return parameters.environment ? `${base}-${parameters.environment}` : base;
}
