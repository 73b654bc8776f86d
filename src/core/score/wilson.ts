// Wilson score interval for a binomial proportion: the 95% band printed beside every accuracy.

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

/** [low, high] for `correct` successes in `n` trials; [0, 1] when n is 0 (no information). */
export function wilsonInterval(correct: number, n: number, z: number = Z_95): [number, number] {
  if (n <= 0) return [0, 1];
  const p = correct / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0/n and n/n the bound is exactly 0 or 1; say so instead of leaving rounding residue.
  const low = correct <= 0 ? 0 : Math.max(0, centre - half);
  const high = correct >= n ? 1 : Math.min(1, centre + half);
  return [low, high];
}
