// The runs the reading pages (inspector, compare, plots, bundles) offer: every run stored in this browser and every
// imported one, each under its run ref (lib/pure/run-ref.ts), which also names it in links.
import { findModel } from '../../../core/models/registry';
import type { ResultRun } from '../../../core/results';
import { dataLabel, runIdentityOf } from '../../../core/run/compat';
import { sampleSummary } from '../../../core/sample';
import { formatRunRef, runRefOf } from './run-ref';
import type { RunOrigin, RunRef } from './run-ref';

export interface RunChoice {
  /** formatRunRef(ref): a select's value, a link's run=. */
  key: string;
  ref: RunRef;
  origin: RunOrigin;
  /** "Qwen2.5-VL-3B-Instruct · vqa-rad (yesno) · stored openai, 251 items, data 1a2b3c4d" */
  label: string;
  run: ResultRun;
}

/** Stored runs first, then imported; a key seen twice (two imported runs kept apart by a conflict) gets "#2", "#3". */
export function runChoices(stored: readonly ResultRun[], imported: readonly ResultRun[]): RunChoice[] {
  const out: RunChoice[] = [];
  const seen = new Map<string, number>();
  const add = (origin: RunOrigin, run: ResultRun): void => {
    const base = formatRunRef(runRefOf(origin, runIdentityOf(run.manifest)));
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const ref = runRefOf(origin, runIdentityOf(run.manifest), count);
    const m = run.manifest;
    const model = findModel(m.model)?.label ?? m.model;
    const label = `${model} · ${m.benchmark} (${m.variant}) · ${origin} ${m.backend}, ${run.results.length} items, ${dataLabel(m.dataHash)}${m.sample === undefined ? '' : `, ${sampleSummary(m.sample)}`}${count === 1 ? '' : ` #${count}`}`;
    out.push({ key: formatRunRef(ref), ref, origin, label, run });
  };
  for (const r of stored) add('stored', r);
  for (const r of imported) add('imported', r);
  return out;
}
