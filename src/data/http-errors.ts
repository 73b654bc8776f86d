// Data hosts' problems: the classification lives in core (src/core/host-problems.ts, shared with the model
// backends); this module adds the one thing core may not do, the real fetch for the no-cors probe.
import { classifyFetchFailure as classifyWith, type FetchContext, type HostProblem } from '../core/host-problems';

export {
  classifyStatus,
  hostProblemError,
  noRangeProblem,
  type FetchContext,
  type HostProblem,
} from '../core/host-problems';

/** As core's, probing with this environment's fetch unless the context names one. */
export function classifyFetchFailure(url: string, error: unknown, ctx: FetchContext = {}): Promise<HostProblem> {
  const fetchImpl = ctx.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  return classifyWith(url, error, { ...ctx, fetchImpl });
}
