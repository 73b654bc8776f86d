// Logistic regression against an independent Newton–Raphson fit (written here, dense 2×2/3×3 solves) and a value
// worked by hand; sparse and dense rows give the same fit.
import { describe, expect, it } from 'vitest';
import { fitLogistic, objective, sigmoid, sparseRows } from '../../../../src/core/classify/logistic';
import type { LogisticOptions } from '../../../../src/core/classify/logistic';

/** Newton's method on the same weighted, L2-penalised objective, with [w, b] solved by Gaussian elimination. */
function newton(xs: number[][], y: number[], opts: LogisticOptions): number[] {
  const d = (xs[0]?.length ?? 0) + 1;
  let theta = new Array<number>(d).fill(0);
  const c = y.map((v) => (v === 1 ? opts.positiveWeight : opts.negativeWeight));
  const total = c.reduce((a, b) => a + b, 0);
  for (let it = 0; it < 50; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((row, i) => {
      const xi = [...row, 1];
      const z = xi.reduce((s, v, j) => s + v * (theta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const ci = (c[i] ?? 0) / total;
      for (let j = 0; j < d; j++) {
        g[j] = (g[j] ?? 0) + ci * (p - (y[i] ?? 0)) * (xi[j] ?? 0);
        for (let k = 0; k < d; k++)
          (h[j] as number[])[k] = (h[j]?.[k] ?? 0) + ci * p * (1 - p) * (xi[j] ?? 0) * (xi[k] ?? 0);
      }
    });
    for (let j = 0; j < d - 1; j++) {
      g[j] = (g[j] ?? 0) + opts.l2 * (theta[j] ?? 0);
      (h[j] as number[])[j] = (h[j]?.[j] ?? 0) + opts.l2;
    }
    // solve h · step = g
    const a = h.map((r, i) => [...r, g[i] ?? 0]);
    for (let col = 0; col < d; col++) {
      const pivot = a[col] as number[];
      for (let r = col + 1; r < d; r++) {
        const row = a[r] as number[];
        const f = (row[col] ?? 0) / (pivot[col] ?? 1);
        for (let k = col; k <= d; k++) row[k] = (row[k] ?? 0) - f * (pivot[k] ?? 0);
      }
    }
    const step = new Array<number>(d).fill(0);
    for (let r = d - 1; r >= 0; r--) {
      const row = a[r] as number[];
      let s = row[d] ?? 0;
      for (let k = r + 1; k < d; k++) s -= (row[k] ?? 0) * (step[k] ?? 0);
      step[r] = s / (row[r] ?? 1);
    }
    theta = theta.map((t, j) => t - (step[j] ?? 0));
  }
  return theta;
}

const XS = [
  [0.5, 1.2],
  [1.5, -0.3],
  [-0.7, 0.8],
  [2.1, 1.9],
  [-1.2, -0.4],
  [0.3, -1.5],
  [1.1, 0.2],
  [-0.4, 1.7],
  [0.9, -0.9],
  [-1.8, 0.6],
];
const Y = [1, 1, 0, 1, 0, 0, 1, 1, 0, 0];

function dense(rows: number[][]): { rows: number; cols: number; data: Float64Array } {
  return { rows: rows.length, cols: rows[0]?.length ?? 0, data: Float64Array.from(rows.flat()) };
}

describe('logistic regression (L-BFGS)', () => {
  it.each([
    { l2: 0.1, positiveWeight: 1, negativeWeight: 1 },
    { l2: 0.01, positiveWeight: 0.7, negativeWeight: 1.9 },
    { l2: 1, positiveWeight: 2, negativeWeight: 0.5 },
  ])('matches an independent Newton fit (%o)', (opts) => {
    const fit = fitLogistic(dense(XS), Uint8Array.from(Y), { ...opts, tolerance: 1e-10 });
    const ref = newton(XS, Y, opts);
    expect(fit.weights[0]).toBeCloseTo(ref[0] ?? NaN, 6);
    expect(fit.weights[1]).toBeCloseTo(ref[1] ?? NaN, 6);
    expect(fit.bias).toBeCloseTo(ref[2] ?? NaN, 6);
    expect(fit.gradientNorm).toBeLessThan(1e-9);
  });

  it('agrees with a hand-worked case: one feature, symmetric data, bias 0', () => {
    // x = ±1, y = [x > 0]: by symmetry b = 0, and the mean loss's gradient −σ(−w) plus λw vanishes: λw = σ(−w),
    // a one-variable equation solved here by bisection.
    const lambda = 0.5;
    let lo = 0;
    let hi = 5;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (lambda * mid - sigmoid(-mid) < 0) lo = mid;
      else hi = mid;
    }
    const fit = fitLogistic(dense([[1], [-1]]), Uint8Array.from([1, 0]), {
      l2: lambda,
      positiveWeight: 1,
      negativeWeight: 1,
      tolerance: 1e-12,
    });
    expect(fit.bias).toBeCloseTo(0, 9);
    expect(fit.weights[0]).toBeCloseTo(lo, 8);
  });

  it('class weights move the bias towards the heavier class', () => {
    const plain = fitLogistic(dense(XS), Uint8Array.from(Y), { l2: 0.1, positiveWeight: 1, negativeWeight: 1 });
    const heavyNeg = fitLogistic(dense(XS), Uint8Array.from(Y), { l2: 0.1, positiveWeight: 1, negativeWeight: 4 });
    expect(heavyNeg.bias).toBeLessThan(plain.bias);
  });

  it('sparse rows give the same fit and loss as dense ones', () => {
    const opts = { l2: 0.05, positiveWeight: 1.3, negativeWeight: 0.8 };
    const withZeros = XS.map((r, i) => [r[0] ?? 0, 0, r[1] ?? 0, i % 3 === 0 ? 0.5 : 0]);
    const d = fitLogistic(dense(withZeros), Uint8Array.from(Y), opts);
    const s = fitLogistic(
      sparseRows(
        withZeros.map((r) => Float32Array.from(r)),
        4,
      ),
      Uint8Array.from(Y),
      opts,
    );
    for (let j = 0; j < 4; j++) expect(s.weights[j]).toBeCloseTo(d.weights[j] ?? NaN, 5);
    expect(s.bias).toBeCloseTo(d.bias, 5);
    const g = new Float64Array(5);
    expect(objective(dense(withZeros), Uint8Array.from(Y), new Float64Array(5), opts, g)).toBeCloseTo(Math.log(2), 12);
  });
});
