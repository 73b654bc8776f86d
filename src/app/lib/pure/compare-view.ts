// What the Compare page shows for two runs: core's paired comparison on their common items plus, for each
// discordant item, both answers, the gold letter and the inspector links.
import { comparePaired } from '../../../core/score/compare';
import type { PairedComparison } from '../../../core/score/compare';
import type { ItemResult } from '../../../core/types';
import { inspectHref } from './run-ref';
import type { RunChoice } from './run-choices';

export interface DiscordantRow {
  id: string;
  /** Which side was right. */
  winner: 'a' | 'b';
  gold: string;
  /** The extracted letter (null: none) on each side. */
  a: string | null;
  b: string | null;
  hrefA: string;
  hrefB: string;
}

export interface CompareView {
  stats: PairedComparison;
  /** The benchmarks differ: the pairing is by id only, so the user is warned. */
  differentBenchmarks: boolean;
  /** The method in words, as the page and exports print it. */
  methodText: string;
  rows: DiscordantRow[];
}

export function methodText(method: PairedComparison['method'], discordant: number): string {
  return method === 'exact'
    ? `exact two-sided binomial test (${discordant} discordant pairs, fewer than 25)`
    : `χ² test with continuity correction (${discordant} discordant pairs, 25 or more)`;
}

export function buildCompareView(a: RunChoice, b: RunChoice): CompareView {
  const stats = comparePaired(a.run.results, b.run.results);
  const first = (results: readonly ItemResult[]): Map<string, ItemResult> => {
    const m = new Map<string, ItemResult>();
    for (const r of results) if (!m.has(r.id)) m.set(r.id, r);
    return m;
  };
  const byA = first(a.run.results);
  const byB = first(b.run.results);
  const row = (id: string, winner: 'a' | 'b'): DiscordantRow => {
    const ra = byA.get(id);
    const rb = byB.get(id);
    return {
      id,
      winner,
      gold: ra?.gold ?? rb?.gold ?? '',
      a: ra?.letter ?? null,
      b: rb?.letter ?? null,
      hrefA: inspectHref(a.key, id),
      hrefB: inspectHref(b.key, id),
    };
  };
  return {
    stats,
    differentBenchmarks: a.run.manifest.benchmark !== b.run.manifest.benchmark,
    methodText: methodText(stats.method, stats.onlyA + stats.onlyB),
    rows: [...stats.discordant.onlyA.map((id) => row(id, 'a')), ...stats.discordant.onlyB.map((id) => row(id, 'b'))],
  };
}
