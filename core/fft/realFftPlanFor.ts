import { RealFftPlan } from './RealFftPlan.js';

const plans = new Map<number, RealFftPlan>();

/** The cached real plan of length n for this thread. */
export function realFftPlanFor(n: number): RealFftPlan {
  let plan = plans.get(n);
  if (plan === undefined) {
    plan = new RealFftPlan(n);
    plans.set(n, plan);
  }
  return plan;
}
