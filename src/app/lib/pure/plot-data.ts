// The data behind the Plots page, computed from the same assembled tables the Tables page shows (so a point and a
// cell never disagree): scaling (accuracy vs parameters), reasoning vs understanding, per-benchmark accuracy with
// intervals, and one run's extraction statuses.
import { EXTRACT_STATUSES } from '../../../core/extract/statuses';
import { findModel } from '../../../core/models/registry';
import type { ResultRun } from '../../../core/results';
import { assembleTable } from '../../../core/tables';
import type { Table, TableRow } from '../../../core/tables';
import type { ExtractStatus } from '../../../core/types';

export type PointSource = 'paper' | 'measured';
export type PointGroup = 'general' | 'medical' | 'other';

export interface ScalingPoint {
  benchmark: string;
  model: string;
  label: string;
  paramsB: number;
  accuracy: number;
  source: PointSource;
  group: PointGroup;
}

export interface ReasoningPoint {
  model: string;
  label: string;
  source: PointSource;
  group: PointGroup;
  /** Unweighted means over the benchmarks both tables have a value for. */
  understanding: number;
  reasoning: number;
  benchmarks: number;
}

export interface AccuracyBar {
  benchmark: string;
  model: string;
  label: string;
  accuracy: number;
  low: number;
  high: number;
  n: number;
}

export interface StatusCount {
  status: ExtractStatus | 'error';
  count: number;
  share: number;
}

function* cellsOf(t: Table): Generator<{ row: TableRow; group: PointGroup; benchmark: string; value: number }> {
  for (const g of t.groups)
    for (const row of g.rows)
      for (const col of t.columns) {
        const c = row.cells[col.benchmark];
        if (c !== null) yield { row, group: g.id, benchmark: col.label, value: c.value };
      }
}

/** Accuracy against parameter count per benchmark (Table 1), paper and measured points; models of unknown size are left out. */
export function scalingPoints(runs: readonly ResultRun[]): ScalingPoint[] {
  const out: ScalingPoint[] = [];
  for (const { row, group, benchmark, value } of cellsOf(assembleTable(1, runs, { paper: true }))) {
    const paramsB = findModel(row.model)?.paramsB;
    if (paramsB === undefined) continue;
    out.push({ benchmark, model: row.model, label: row.label, paramsB, accuracy: value, source: row.source, group });
  }
  return out;
}

/** Per model row (paper and measured apart): mean reasoning (Table 2) vs mean understanding (Table 3) accuracy. */
export function reasoningPoints(runs: readonly ResultRun[]): ReasoningPoint[] {
  const keyOf = (row: TableRow): string => `${row.source}\u0000${row.model}`;
  const collect = (t: Table): Map<string, { row: TableRow; group: PointGroup; values: Map<string, number> }> => {
    const m = new Map<string, { row: TableRow; group: PointGroup; values: Map<string, number> }>();
    for (const { row, group, benchmark, value } of cellsOf(t)) {
      const e = m.get(keyOf(row)) ?? { row, group, values: new Map<string, number>() };
      e.values.set(benchmark, value);
      m.set(keyOf(row), e);
    }
    return m;
  };
  const reasoning = collect(assembleTable(2, runs, { paper: true }));
  const understanding = collect(assembleTable(3, runs, { paper: true }));
  const out: ReasoningPoint[] = [];
  for (const [key, r] of reasoning) {
    const u = understanding.get(key);
    if (u === undefined) continue;
    const both = [...r.values.keys()].filter((b) => u.values.has(b));
    if (both.length === 0) continue;
    const mean = (m: Map<string, number>): number => both.reduce((s, b) => s + (m.get(b) ?? 0), 0) / both.length;
    out.push({
      model: r.row.model,
      label: r.row.source === 'paper' ? `${r.row.label} (paper)` : r.row.label,
      source: r.row.source,
      group: r.group,
      reasoning: mean(r.values),
      understanding: mean(u.values),
      benchmarks: both.length,
    });
  }
  return out;
}

/** Every measured Table 1 cell as a bar with its 95% Wilson interval. */
export function accuracyBars(runs: readonly ResultRun[]): AccuracyBar[] {
  const t = assembleTable(1, runs, { paper: false });
  const out: AccuracyBar[] = [];
  for (const g of t.groups)
    for (const row of g.rows)
      for (const col of t.columns) {
        const c = row.cells[col.benchmark];
        if (c === null || c.source !== 'measured') continue;
        out.push({
          benchmark: col.label,
          model: row.model,
          label: row.label,
          accuracy: c.value,
          low: c.interval[0],
          high: c.interval[1],
          n: c.n,
        });
      }
  return out;
}

/** One run's results by extraction status (failed generations as 'error'), in the catalogue's order. */
export function statusBreakdown(run: ResultRun): StatusCount[] {
  const counts = new Map<StatusCount['status'], number>();
  for (const r of run.results) {
    const s = r.error !== undefined ? 'error' : r.status;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const n = run.results.length;
  const order: StatusCount['status'][] = [...EXTRACT_STATUSES, 'error'];
  return order
    .filter((s) => (counts.get(s) ?? 0) > 0)
    .map((s) => ({ status: s, count: counts.get(s) ?? 0, share: n === 0 ? 0 : (counts.get(s) ?? 0) / n }));
}
