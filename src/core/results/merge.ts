// Merges runs of the same (model, benchmark, variant) — browser, server and imported — into one run each.
// Runs scored under different benchmark/prompt/extractor versions or data, or over different samples of the items
// (or a sample and every item), are never mixed: kept apart, reported.
import { sampleKey } from '../sample/describe';
import type { ItemResult, RunManifest } from '../types';
import type { ResultRun } from './parse';

export interface MergeReport {
  runs: ResultRun[];
  /** One line per run kept apart from a run of the same model/benchmark/variant. */
  conflicts: string[];
  /** Merged despite harmless differences (generation settings, item sets). */
  notes: string[];
}

/** The fields that must agree for results to be comparable, hence mergeable. */
const COMPAT_FIELDS = ['benchmarkVersion', 'promptVersion', 'extractorVersion', 'dataHash'] as const;

interface Group {
  key: string;
  /** The first manifest seen; the compatibility reference and the base of the merged manifest. */
  first: RunManifest;
  manifests: RunManifest[];
  byId: Map<string, ItemResult>;
}

export function mergeRuns(runs: readonly ResultRun[]): ResultRun[] {
  return mergeRunsReport(runs).runs;
}

export function mergeRunsReport(runs: readonly ResultRun[]): MergeReport {
  const groups: Group[] = [];
  const conflicts: string[] = [];
  for (const run of runs) {
    const m = run.manifest;
    const key = `${m.model} / ${m.benchmark} / ${m.variant}`;
    const sameKey = groups.filter((g) => g.key === key);
    let group = sameKey.find((g) => differences(g.first, m).length === 0);
    if (group === undefined) {
      for (const other of sameKey) {
        const diffs = differences(other.first, m);
        const advice = diffs.every((d) => d.startsWith('sample'))
          ? 'a sample is scored on its own items, never pooled with another sample or a full run'
          : 're-run or re-score one of them';
        conflicts.push(`${key}: runs differ in ${diffs.join(', ')} — kept apart (${advice})`);
      }
      group = { key, first: m, manifests: [], byId: new Map() };
      groups.push(group);
    }
    group.manifests.push(m);
    for (const r of run.results) {
      const existing = group.byId.get(r.id);
      // A successful result beats a failed one; otherwise the later result wins (it is the retry).
      if (existing !== undefined && existing.error === undefined && r.error !== undefined) continue;
      group.byId.set(r.id, r);
    }
  }
  const notes: string[] = [];
  const merged = groups.map((g) => ({ manifest: mergeManifests(g, notes), results: [...g.byId.values()] }));
  return { runs: merged, conflicts, notes };
}

/** What keeps two runs apart, as readable text; empty when they may merge. */
function differences(a: RunManifest, b: RunManifest): string[] {
  const diffs = COMPAT_FIELDS.filter((f) => a[f] !== b[f]).map((f) => `${f} ${a[f]} vs ${b[f]}`);
  const sampleA = sampleKey(a.sample);
  const sampleB = sampleKey(b.sample);
  if (sampleA !== sampleB) diffs.push(`sample (${sampleA} vs ${sampleB})`);
  return diffs;
}

function mergeManifests(g: Group, notes: string[]): RunManifest {
  const base = g.first;
  if (g.manifests.length === 1) return base;
  const all = g.manifests;
  const distinct = (values: readonly string[]): string[] => [...new Set(values)];
  const generations = distinct(all.map((m) => JSON.stringify(m.generation)));
  if (generations.length > 1)
    notes.push(`${g.key}: merged runs used different generation settings ${generations.join(' vs ')}`);
  const itemHashes = distinct(all.map((m) => m.itemIdsHash));
  if (itemHashes.length > 1) notes.push(`${g.key}: merged runs covered different item sets`);
  const createdAt = all.map((m) => m.createdAt).sort()[0] ?? base.createdAt;
  const updatedAt =
    all
      .map((m) => m.updatedAt ?? m.createdAt)
      .sort()
      .at(-1) ?? createdAt;
  const endpoints = distinct(all.flatMap((m) => m.endpoints ?? []));
  const merged: RunManifest = {
    ...base,
    backend: distinct(all.map((m) => m.backend)).join('+'),
    backendModel: distinct(all.map((m) => m.backendModel)).join(', '),
    // The union's ids hash is unknown here (hashing is async and outside the core); recompute if needed.
    itemIdsHash: itemHashes.length === 1 ? base.itemIdsHash : 'unknown',
    createdAt,
    updatedAt,
  };
  if (endpoints.length > 0) merged.endpoints = endpoints;
  return merged;
}
