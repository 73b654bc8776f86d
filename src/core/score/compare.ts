// A paired comparison of two runs on the items both scored: the 2×2 table, agreement, the accuracy difference with
// its interval, and McNemar's test (mcnemar.ts) — the numbers behind "is model A really better than B here?".

import type { ItemResult } from '../types';
import { mcnemar } from './mcnemar';
import { Z_95 } from './wilson';

export interface PairedComparison {
  /** Items present in both runs (paired by id); every count below except unpaired* is over these. */
  nCommon: number;
  aCorrect: number;
  bCorrect: number;
  bothCorrect: number;
  /** Correct in A, wrong in B. */
  onlyA: number;
  /** Correct in B, wrong in A. */
  onlyB: number;
  /** Share of common items where both are correct or both wrong; 0 when nothing is common. */
  agreement: number;
  /** Accuracy of A minus accuracy of B on the common items. */
  diff: number;
  /** 95% interval of diff (see pairedDiffInterval); [-1, 1] when nothing is common. */
  diffInterval: [number, number];
  mcnemarP: number;
  /** 'exact': two-sided binomial on the discordant pairs; 'chi2-cc': chi-square with continuity correction. */
  method: 'exact' | 'chi2-cc';
  /** Items only A has a result for / only B has: outside the pairing, counted so a user sees what was left out. */
  unpairedA: number;
  unpairedB: number;
  /** The discordant items' ids, in natural order (the ones to read when judging the difference). */
  discordant: { onlyA: string[]; onlyB: string[] };
}

/**
 * Wald interval for the difference of paired proportions (Agresti, Categorical Data Analysis §10.1):
 * d = (b − c)/n, se = sqrt((b + c) − (b − c)²/n)/n, d ± z·se clamped to [−1, 1]. Chosen because it is the textbook
 * companion of McNemar's test and needs only the discordant counts; it is too narrow when b + c is tiny (at b = c = 0
 * it collapses to [0, 0]) — read it together with the p value there.
 */
export function pairedDiffInterval(onlyA: number, onlyB: number, n: number, z: number = Z_95): [number, number] {
  if (n <= 0) return [-1, 1];
  const d = (onlyA - onlyB) / n;
  const se = Math.sqrt(Math.max(0, onlyA + onlyB - (onlyA - onlyB) ** 2 / n)) / n;
  return [Math.max(-1, d - z * se), Math.min(1, d + z * se)];
}

const naturalOrder = (x: string, y: string): number => x.localeCompare(y, 'en', { numeric: true });

/** One result per id, the first kept: the same rule mcnemar applies to A, so both count the same pairs. */
function firstById(results: readonly ItemResult[]): Map<string, ItemResult> {
  const byId = new Map<string, ItemResult>();
  for (const r of results) if (!byId.has(r.id)) byId.set(r.id, r);
  return byId;
}

export function comparePaired(a: readonly ItemResult[], b: readonly ItemResult[]): PairedComparison {
  const byA = firstById(a);
  const byB = firstById(b);
  const onlyAIds: string[] = [];
  const onlyBIds: string[] = [];
  let nCommon = 0;
  let bothCorrect = 0;
  let aCorrect = 0;
  let bCorrect = 0;
  for (const [id, ra] of byA) {
    const rb = byB.get(id);
    if (rb === undefined) continue;
    nCommon++;
    if (ra.correct) aCorrect++;
    if (rb.correct) bCorrect++;
    if (ra.correct && rb.correct) bothCorrect++;
    else if (ra.correct) onlyAIds.push(id);
    else if (rb.correct) onlyBIds.push(id);
  }
  // The test itself is mcnemar's, on the same deduplicated pairs (so its counts equal ours by construction).
  const test = mcnemar([...byA.values()], [...byB.values()]);
  const onlyA = onlyAIds.length;
  const onlyB = onlyBIds.length;
  return {
    nCommon,
    aCorrect,
    bCorrect,
    bothCorrect,
    onlyA,
    onlyB,
    agreement: nCommon === 0 ? 0 : (nCommon - onlyA - onlyB) / nCommon,
    diff: nCommon === 0 ? 0 : (onlyA - onlyB) / nCommon,
    diffInterval: pairedDiffInterval(onlyA, onlyB, nCommon),
    mcnemarP: test.pValue,
    method: test.exact ? 'exact' : 'chi2-cc',
    unpairedA: byA.size - nCommon,
    unpairedB: byB.size - nCommon,
    discordant: { onlyA: onlyAIds.sort(naturalOrder), onlyB: onlyBIds.sort(naturalOrder) },
  };
}
