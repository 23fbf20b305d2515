import { FftPlan } from './FftPlan.js';

const plans = new Map<number, FftPlan>();

/** The cached complex plan of length n for this thread (twiddles are computed once per length). */
export function fftPlanFor(n: number): FftPlan {
  let plan = plans.get(n);
  if (plan === undefined) {
    plan = new FftPlan(n);
    plans.set(n, plan);
  }
  return plan;
}
