// What the Plots page draws: the tables' runs (stored + imported) turned into figure data, and the run whose
// extraction statuses are shown (#/plots?run=<run ref>, lib/pure/run-ref.ts).
import { accuracyBars, reasoningPoints, scalingPoints, statusBreakdown } from '../lib/pure/plot-data';
import { runChoices } from '../lib/pure/run-choices';
import { resolveRunRef } from '../lib/pure/run-ref';
import { imports } from './imports.svelte';
import { route } from './route.svelte';
import { storedRuns } from './stored-runs.svelte';

class PlotsState {
  private readonly all = $derived([...storedRuns.runs, ...imports.runs]);
  readonly choices = $derived(runChoices(storedRuns.runs, imports.runs));
  readonly scaling = $derived(scalingPoints(this.all));
  readonly reasoning = $derived(reasoningPoints(this.all));
  readonly bars = $derived(accuracyBars(this.all));
  readonly statusRun = $derived(resolveRunRef(this.choices, route.params.get('run')) ?? this.choices[0]);
  readonly status = $derived(this.statusRun === undefined ? [] : statusBreakdown(this.statusRun.run));

  chooseStatusRun(key: string): void {
    route.set('plots', { run: key === '' ? null : key });
  }
}

export const plots = new PlotsState();
