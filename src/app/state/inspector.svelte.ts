// The inspector wired to the page: stored runs (IndexedDB), imported files, the loaded datasets, and the page's
// scheduler for time-sliced filtering.
import { nextTask } from '../lib/dom/next-task';
import { benchChoices } from './benchmarks.svelte';
import { classifier } from './classifier.svelte';
import { imports } from './imports.svelte';
import { Inspector } from './inspect.svelte';
import { storedRuns } from './stored-runs.svelte';

export const inspector = new Inspector({
  stored: storedRuns,
  imported: imports,
  choices: benchChoices,
  host: { yieldToHost: nextTask, now: () => performance.now() },
  tags: classifier,
});
