// The environment the user asked for on the Blueprints screen, waiting on the Environments
// screen until provisioning (the engine) can take it.
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

class PendingChoice {
  /** The blueprint and settings picked, or null when nothing waits. */
  current = $state.raw<PendingEnvironment | null>(null);

  set(pending: PendingEnvironment): void {
    this.current = pending;
  }

  clear(): void {
    this.current = null;
  }
}

export const pendingEnvironment = new PendingChoice();

/** `project-environment` when the blueprint has those parameters, else the blueprint's name. */
export function suggestName(blueprint: string, parameters: Record<string, string>): string {
  const base = parameters.project || blueprint;
  return parameters.environment ? `${base}-${parameters.environment}` : base;
}
