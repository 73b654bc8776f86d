// The runs the reading pages (compare, plots, bundles) offer: every run stored in this browser and every imported
// one, each under a stable key `<origin>:<model>|<benchmark>|<variant>` that also names it in inspector links.
import { findModel } from '../../../core/models/registry';
import type { ResultRun } from '../../../core/results';

export type RunOrigin = 'stored' | 'imported';

export interface RunChoice {
  key: string;
  origin: RunOrigin;
  /** "Qwen2.5-VL-3B-Instruct · vqa-rad (yesno) · stored, 251 items" */
  label: string;
  run: ResultRun;
}

export function runKeyOf(origin: RunOrigin, run: ResultRun): string {
  const m = run.manifest;
  return `${origin}:${m.model}|${m.benchmark}|${m.variant}`;
}

/** Stored runs first, then imported; a key seen twice (two imported runs kept apart by a conflict) gets "#2", "#3". */
export function runChoices(stored: readonly ResultRun[], imported: readonly ResultRun[]): RunChoice[] {
  const out: RunChoice[] = [];
  const seen = new Map<string, number>();
  const add = (origin: RunOrigin, run: ResultRun): void => {
    const base = runKeyOf(origin, run);
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const key = count === 1 ? base : `${base}#${count}`;
    const m = run.manifest;
    const model = findModel(m.model)?.label ?? m.model;
    const label = `${model} · ${m.benchmark} (${m.variant}) · ${origin} ${m.backend}, ${run.results.length} items${count === 1 ? '' : ` #${count}`}`;
    out.push({ key, origin, label, run });
  };
  for (const r of stored) add('stored', r);
  for (const r of imported) add('imported', r);
  return out;
}

/** The inspector's deep link to one item of one run. */
export function inspectHref(runKey: string, itemId: string): string {
  return `#/inspect?${new URLSearchParams({ run: runKey, item: itemId }).toString()}`;
}
