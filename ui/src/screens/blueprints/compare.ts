// The plan's monthly cost in each environment the blueprint declares (dev, prod), for the cost
// panel to set side by side: the active one from the plan in hand, the others planned again.
import type { ParamDecl, PlanOutcome } from '../../lib/bindings';
import { ENVIRONMENT, environmentsOf } from './params';

export interface EnvironmentCost {
  environment: string;
  total: number | null;
  current: boolean;
}

type Plan = (overrides: Record<string, string>) => Promise<PlanOutcome>;

/** Nothing to compare unless the plan is valid and the blueprint has two environments or more. */
export async function compareEnvironments(
  result: PlanOutcome,
  params: ParamDecl[],
  overrides: Record<string, string>,
  plan: Plan,
): Promise<EnvironmentCost[]> {
  const envs = result.status === 'valid' ? environmentsOf(params) : [];
  if (envs.length < 2 || result.status !== 'valid') return [];
  const active = result.plan.parameters[ENVIRONMENT];
  const totals = await Promise.all(
    envs.map(async (env) => {
      if (env === active) return result.plan.cost.monthlyTotal;
      const other = await plan({ ...overrides, [ENVIRONMENT]: env });
      return other.status === 'valid' ? other.plan.cost.monthlyTotal : null;
    }),
  );
  return envs.map((environment, i) => ({ environment, total: totals[i] ?? null, current: environment === active }));
}
