// L2-regularised, class-weighted logistic regression fitted by L-BFGS on the full batch. The objective is convex and
// smooth, so from a zero start the fit is deterministic: the same data gives the same weights on every run.

/** Rows of equal length, row-major in one array (embeddings) … */
export interface DenseMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float32Array | Float64Array;
}

/** … or compressed sparse rows (hashed text features: a few hundred of 16k buckets are set). */
export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row i's entries are at rowStart[i] … rowStart[i + 1] − 1. */
  readonly rowStart: Uint32Array;
  readonly index: Uint32Array;
  readonly value: Float32Array | Float64Array;
}

export type Matrix = DenseMatrix | SparseMatrix;

function isSparse(x: Matrix): x is SparseMatrix {
  return 'rowStart' in x;
}

/** theta[0…cols) · row i. */
export function rowDot(x: Matrix, i: number, theta: Float64Array): number {
  let s = 0;
  if (isSparse(x)) {
    const end = x.rowStart[i + 1] ?? 0;
    for (let k = x.rowStart[i] ?? 0; k < end; k++) s += (x.value[k] ?? 0) * (theta[x.index[k] ?? 0] ?? 0);
    return s;
  }
  const { cols, data } = x;
  const at = i * cols;
  for (let j = 0; j < cols; j++) s += (data[at + j] ?? 0) * (theta[j] ?? 0);
  return s;
}

/** out[0…cols) += r · row i. */
function rowAxpy(x: Matrix, i: number, r: number, out: Float64Array): void {
  if (isSparse(x)) {
    const end = x.rowStart[i + 1] ?? 0;
    for (let k = x.rowStart[i] ?? 0; k < end; k++) {
      const j = x.index[k] ?? 0;
      out[j] = (out[j] ?? 0) + r * (x.value[k] ?? 0);
    }
    return;
  }
  const { cols, data } = x;
  const at = i * cols;
  for (let j = 0; j < cols; j++) out[j] = (out[j] ?? 0) + r * (data[at + j] ?? 0);
}

/** The given rows as a new matrix of the same kind. */
export function pickRows(x: Matrix, rows: readonly number[]): Matrix {
  if (isSparse(x)) {
    const rowStart = new Uint32Array(rows.length + 1);
    let nnz = 0;
    rows.forEach((r, i) => {
      nnz += (x.rowStart[r + 1] ?? 0) - (x.rowStart[r] ?? 0);
      rowStart[i + 1] = nnz;
    });
    const index = new Uint32Array(nnz);
    const value = new Float64Array(nnz);
    rows.forEach((r, i) => {
      const from = x.rowStart[r] ?? 0;
      const to = x.rowStart[r + 1] ?? 0;
      index.set(x.index.subarray(from, to), rowStart[i] ?? 0);
      value.set(x.value.subarray(from, to), rowStart[i] ?? 0);
    });
    return { rows: rows.length, cols: x.cols, rowStart, index, value };
  }
  const data = new Float64Array(rows.length * x.cols);
  rows.forEach((r, i) => data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  return { rows: rows.length, cols: x.cols, data };
}

/** Dense vectors as a sparse matrix (zeros dropped). */
export function sparseRows(vectors: readonly Float32Array[], cols: number): SparseMatrix {
  const rowStart = new Uint32Array(vectors.length + 1);
  let nnz = 0;
  vectors.forEach((v, i) => {
    for (const x of v) if (x !== 0) nnz++;
    rowStart[i + 1] = nnz;
  });
  const index = new Uint32Array(nnz);
  const value = new Float32Array(nnz);
  let k = 0;
  for (const v of vectors)
    for (let j = 0; j < v.length; j++) {
      const x = v[j] ?? 0;
      if (x === 0) continue;
      index[k] = j;
      value[k] = x;
      k++;
    }
  return { rows: vectors.length, cols, rowStart, index, value };
}

export interface LogisticOptions {
  /** λ in (λ/2)·‖w‖² (the bias is not penalised). */
  l2: number;
  /** Weight of each positive and negative example; the loss is the weighted mean over examples. */
  positiveWeight: number;
  negativeWeight: number;
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this. */
  tolerance?: number;
}

export interface LogisticModel {
  weights: Float64Array;
  bias: number;
}

export interface LogisticFit extends LogisticModel {
  iterations: number;
  loss: number;
  gradientNorm: number;
}

/** Numerically safe log(1 + e^z). */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** z = X·w + b for every row. */
export function linearScores(x: Matrix, model: LogisticModel, out = new Float64Array(x.rows)): Float64Array {
  for (let i = 0; i < x.rows; i++) out[i] = model.bias + rowDot(x, i, model.weights);
  return out;
}

/**
 * Loss and gradient at theta = [w…, b]: mean_c(weighted log loss) + (λ/2)‖w‖². The gradient goes into `grad`.
 */
export function objective(
  x: Matrix,
  y: Uint8Array,
  theta: Float64Array,
  opts: LogisticOptions,
  grad: Float64Array,
  z: Float64Array = new Float64Array(x.rows),
): number {
  const { rows, cols } = x;
  const bias = theta[cols] ?? 0;
  let totalWeight = 0;
  for (let i = 0; i < rows; i++) totalWeight += y[i] === 1 ? opts.positiveWeight : opts.negativeWeight;
  grad.fill(0);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const s = bias + rowDot(x, i, theta);
    z[i] = s;
    const positive = y[i] === 1;
    const c = (positive ? opts.positiveWeight : opts.negativeWeight) / totalWeight;
    loss += c * (positive ? softplus(-s) : softplus(s));
    const r = c * (sigmoid(s) - (positive ? 1 : 0));
    if (r === 0) continue;
    rowAxpy(x, i, r, grad);
    grad[cols] = (grad[cols] ?? 0) + r;
  }
  let penalty = 0;
  for (let j = 0; j < cols; j++) {
    const w = theta[j] ?? 0;
    penalty += w * w;
    grad[j] = (grad[j] ?? 0) + opts.l2 * w;
  }
  return loss + 0.5 * opts.l2 * penalty;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (const v of a) m = Math.max(m, Math.abs(v));
  return m;
}

/** Fits the model by L-BFGS (memory 10) with a backtracking Armijo line search. */
export function fitLogistic(x: Matrix, y: Uint8Array, opts: LogisticOptions): LogisticFit {
  if (y.length !== x.rows) throw new RangeError(`fitLogistic: ${x.rows} rows but ${y.length} labels`);
  const n = x.cols + 1;
  const maxIterations = opts.maxIterations ?? 500;
  const tolerance = opts.tolerance ?? 1e-7;
  const memory = 10;
  const theta = new Float64Array(n);
  const grad = new Float64Array(n);
  const z = new Float64Array(x.rows);
  let loss = objective(x, y, theta, opts, grad, z);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(n);
  const alpha = new Float64Array(memory);
  const nextTheta = new Float64Array(n);
  const nextGrad = new Float64Array(n);
  let iterations = 0;
  for (; iterations < maxIterations && maxAbs(grad) > tolerance; iterations++) {
    // two-loop recursion: dir = −H·grad
    for (let i = 0; i < n; i++) dir[i] = -(grad[i] ?? 0);
    for (let k = sHist.length - 1; k >= 0; k--) {
      const s = sHist[k] ?? dir;
      const yk = yHist[k] ?? dir;
      const a = (rhoHist[k] ?? 0) * dot(s, dir);
      alpha[k] = a;
      for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) - a * (yk[i] ?? 0);
    }
    const last = sHist.length - 1;
    const sLast = sHist[last];
    const yLast = yHist[last];
    const gamma = sLast !== undefined && yLast !== undefined ? dot(sLast, yLast) / dot(yLast, yLast) : 1;
    for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) * gamma;
    for (let k = 0; k < sHist.length; k++) {
      const s = sHist[k] ?? dir;
      const yk = yHist[k] ?? dir;
      const b = (rhoHist[k] ?? 0) * dot(yk, dir);
      const a = alpha[k] ?? 0;
      for (let i = 0; i < n; i++) dir[i] = (dir[i] ?? 0) + (a - b) * (s[i] ?? 0);
    }
    let slope = dot(grad, dir);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -(grad[i] ?? 0);
      slope = dot(grad, dir);
    }
    let step = sHist.length === 0 ? Math.min(1, 1 / Math.max(maxAbs(grad), 1e-12)) : 1;
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) nextTheta[i] = (theta[i] ?? 0) + step * (dir[i] ?? 0);
      nextLoss = objective(x, y, nextTheta, opts, nextGrad, z);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(nextLoss < loss) && !(nextLoss <= loss + 1e-4 * step * slope)) break;
    const s = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (nextTheta[i] ?? 0) - (theta[i] ?? 0);
      yk[i] = (nextGrad[i] ?? 0) - (grad[i] ?? 0);
    }
    const sy = dot(s, yk);
    if (sy > 1e-12) {
      sHist.push(s);
      yHist.push(yk);
      rhoHist.push(1 / sy);
      if (sHist.length > memory) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
    }
    theta.set(nextTheta);
    grad.set(nextGrad);
    const improvement = loss - nextLoss;
    loss = nextLoss;
    if (improvement >= 0 && improvement < 1e-14 * Math.max(1, Math.abs(loss))) {
      iterations++;
      break;
    }
  }
  return { weights: theta.slice(0, x.cols), bias: theta[x.cols] ?? 0, iterations, loss, gradientNorm: maxAbs(grad) };
}
