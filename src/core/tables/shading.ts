// Per-column shading, darker = higher, as in the paper's tables.
//
// Rule: a cell's level is its competition rank r (how many cells in the column are strictly lower), scaled so
// the column's lowest value gets 0 and its highest 4: level = round(4 · r / r_max), r_max = r of the maximum.
// A lone value, or a column of equal values, gets 4. Equal values always get equal levels, whatever their
// order (ties are stable), and one outlier cannot wash out the rest of the column as a linear value scale would.
import type { ShadeLevel } from './types';

export function shadeLevels(values: readonly number[]): ShadeLevel[] {
  const sorted = [...values].sort((a, b) => a - b);
  const below = (v: number): number => {
    // Index of the first element >= v in the sorted copy = number of values strictly lower.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] ?? Infinity) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const max = sorted.at(-1);
  const rMax = max === undefined ? 0 : below(max);
  return values.map((v) => (rMax === 0 ? 4 : toLevel(Math.round((4 * below(v)) / rMax))));
}

function toLevel(n: number): ShadeLevel {
  return n <= 0 ? 0 : n === 1 ? 1 : n === 2 ? 2 : n === 3 ? 3 : 4;
}
