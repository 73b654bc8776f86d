// The Compare page's choice of two runs, kept in the hash (#/compare?a=<run ref>&b=<run ref>, lib/pure/run-ref.ts) so a comparison is a link.
import { buildCompareView } from '../lib/pure/compare-view';
import type { CompareView } from '../lib/pure/compare-view';
import { runChoices } from '../lib/pure/run-choices';
import type { RunChoice } from '../lib/pure/run-choices';
import { resolveRunRef } from '../lib/pure/run-ref';
import { imports } from './imports.svelte';
import { route } from './route.svelte';
import { storedRuns } from './stored-runs.svelte';

class CompareState {
  readonly choices: RunChoice[] = $derived(runChoices(storedRuns.runs, imports.runs));
  readonly a: RunChoice | undefined = $derived(this.find(route.params.get('a')));
  readonly b: RunChoice | undefined = $derived(this.find(route.params.get('b')));
  readonly view: CompareView | null = $derived(
    this.a !== undefined && this.b !== undefined && this.a.key !== this.b.key ? buildCompareView(this.a, this.b) : null,
  );

  /** The run a link's a= or b= names (lib/pure/run-ref.ts; older links too). */
  private find(key: string | null): RunChoice | undefined {
    return resolveRunRef(this.choices, key) ?? undefined;
  }

  choose(side: 'a' | 'b', key: string): void {
    route.set('compare', { [side]: key === '' ? null : key });
  }
}

export const compare = new CompareState();
