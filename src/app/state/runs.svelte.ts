// The Run page's plan session (several models × benchmarks, one RunSession per model), wired to the page: bundled
// slices and loaded datasets (state/benchmarks.svelte.ts), backends from the browser's
// factories (workers, fetch), results in IndexedDB, the unfinished plan in localStorage, the page's scheduler.
import { createIdbStore } from '../../storage/idb';
import { browserBackends } from '../lib/dom/backends';
import { browserHost } from '../lib/dom/next-task';
import { webStorage } from '../lib/dom/web-storage';
import { planSetStoreOn } from '../lib/pure/plan-set';
import { benchChoices } from './benchmarks.svelte';
import { modelCache } from './model-cache.svelte';
import { PlanSession } from './plan-session.svelte';
import { storedRuns } from './stored-runs.svelte';

export type { LoadView, RunPhase, WatchedView } from './run-session.svelte';
export type { PlanPhase } from './plan-session.svelte';

export const planSession = new PlanSession({
  benchmarks: (entries) => benchChoices.load(entries),
  backends: browserBackends,
  openStore: (key) => createIdbStore({ run: key }),
  plans: planSetStoreOn(webStorage('local')),
  host: browserHost,
  storedRuns,
  onModelLoaded: () => void modelCache.refresh(),
});
