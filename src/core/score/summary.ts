// Accuracy, interval and status counts over a set of results, and the ONE grouping function that
// every per-benchmark, per-tag or per-meta number goes through.

import { EXTRACT_STATUSES, PARSED_STATUSES } from '../extract/statuses';
import type { ExtractStatus, ItemResult } from '../types';
import { wilsonInterval } from './wilson';

export interface Summary {
  n: number;
  correct: number;
  /** correct / n; 0 when n is 0. Failed generations count as wrong. */
  accuracy: number;
  /** 95% Wilson interval of the accuracy. */
  interval: [number, number];
  statuses: Record<ExtractStatus, number>;
  /** Share of items whose output was generated but gave no mapped answer (errors and missing items excluded). */
  parseFailureRate: number;
  /** Items whose generation failed (result.error set). */
  errors: number;
  /** Items of the benchmark with no prediction (status `missing`): counted wrong, no output to parse. */
  missing: number;
}

function emptyStatuses(): Record<ExtractStatus, number> {
  const out = {} as Record<ExtractStatus, number>;
  for (const s of EXTRACT_STATUSES) out[s] = 0;
  return out;
}

export function summarize(results: readonly ItemResult[]): Summary {
  const statuses = emptyStatuses();
  let correct = 0;
  let errors = 0;
  let parseFailures = 0;
  for (const r of results) {
    statuses[r.status] += 1;
    if (r.correct) correct++;
    if (r.error !== undefined) errors++;
    else if (r.status !== 'missing' && !PARSED_STATUSES.has(r.status)) parseFailures++;
  }
  const n = results.length;
  return {
    n,
    correct,
    accuracy: n === 0 ? 0 : correct / n,
    interval: wilsonInterval(correct, n),
    statuses,
    parseFailureRate: n === 0 ? 0 : parseFailures / n,
    errors,
    missing: statuses.missing,
  };
}

/** Summaries per key, keys sorted; results whose key is null are left out. */
export function grouped(
  results: readonly ItemResult[],
  key: (r: ItemResult) => string | null,
): Record<string, Summary> {
  const groups = new Map<string, ItemResult[]>();
  for (const r of results) {
    const k = key(r);
    if (k === null) continue;
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [r]);
    else list.push(r);
  }
  const out: Record<string, Summary> = {};
  for (const k of [...groups.keys()].sort()) out[k] = summarize(groups.get(k) ?? []);
  return out;
}

/** A grouping key reading one meta field; missing or null values drop the result from the grouping. */
export function groupByMeta(field: string): (r: ItemResult) => string | null {
  return (r) => {
    const v = r.meta?.[field];
    return v === undefined || v === null ? null : String(v);
  };
}

/** A grouping key on the understanding/reasoning tag (Tables 2–3); untagged results drop out. */
export function groupByTag(r: ItemResult): string | null {
  return r.tag;
}

/** The meta fields any of the results carries, sorted: what a grouping by an unknown field can suggest instead. */
export function metaFields(results: readonly ItemResult[]): string[] {
  const fields = new Set<string>();
  for (const r of results) for (const k of Object.keys(r.meta ?? {})) fields.add(k);
  return [...fields].sort();
}
