// McNemar's paired test for two models on the same items (protocol §3): only discordant pairs count.
// Exact two-sided binomial p for few discordant pairs, chi-square with continuity correction otherwise.

import type { ItemResult } from '../types';

/** Below this many discordant pairs the exact binomial test is used. */
export const MCNEMAR_EXACT_BELOW = 25;

export interface McNemarResult {
  /** Items present in both result sets (paired by id). */
  n: number;
  /** Correct in A, wrong in B. */
  onlyA: number;
  /** Correct in B, wrong in A. */
  onlyB: number;
  /** Exact test: min(onlyA, onlyB); otherwise the continuity-corrected chi-square (1 df). */
  statistic: number;
  pValue: number;
  exact: boolean;
  /** Items present in only one of the two sets: ignored by the test, counted here. */
  unpaired: number;
}

/** Complementary error function (Numerical Recipes erfcc; fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const r = t * Math.exp(poly);
  return x >= 0 ? r : 2 - r;
}

/** Two-sided exact binomial p for k = min(b, c) of m = b + c discordant pairs under p = 1/2. */
function exactBinomialP(b: number, c: number): number {
  const m = b + c;
  const k = Math.min(b, c);
  let coef = 1; // C(m, 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += coef;
    coef = (coef * (m - i)) / (i + 1);
  }
  return Math.min(1, (2 * tail) / 2 ** m);
}

export function mcnemar(a: readonly ItemResult[], b: readonly ItemResult[]): McNemarResult {
  const byId = new Map<string, boolean>();
  for (const r of b) byId.set(r.id, r.correct);
  const idsA = new Set<string>();
  let n = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (const r of a) {
    if (idsA.has(r.id)) continue; // a duplicated id is paired once
    idsA.add(r.id);
    const other = byId.get(r.id);
    if (other === undefined) continue;
    n++;
    if (r.correct && !other) onlyA++;
    else if (!r.correct && other) onlyB++;
  }
  const unpaired = idsA.size - n + (byId.size - n);
  const discordant = onlyA + onlyB;
  if (discordant < MCNEMAR_EXACT_BELOW) {
    const pValue = discordant === 0 ? 1 : exactBinomialP(onlyA, onlyB);
    return { n, onlyA, onlyB, statistic: Math.min(onlyA, onlyB), pValue, exact: true, unpaired };
  }
  const statistic = Math.max(0, Math.abs(onlyA - onlyB) - 1) ** 2 / discordant;
  // Chi-square with 1 df: P(X > s) = P(|Z| > sqrt(s)) = erfc(sqrt(s / 2)).
  const pValue = Math.min(1, erfc(Math.sqrt(statistic / 2)));
  return { n, onlyA, onlyB, statistic, pValue, exact: false, unpaired };
}
