// How tags files reach Tables 2–3: which tag an item result counts under, and the notes that name the classifier
// (its source and CV AUC) and the share it tagged reasoning per benchmark.
import type { TagSet } from '../classify/tags';
import type { ItemResult } from '../types';
import { TABLE_COLUMNS } from './columns';
import { TABLE_REGISTRY } from './registry';
import type { TableKind } from './types';

/** A gold label in the results stays; else a tags file's tag when one covers the benchmark; else the result's own. */
export function effectiveTag(r: ItemResult, tags: TagSet | undefined): ItemResult['tag'] {
  if (r.tagSource === 'gold' && r.tag !== null) return r.tag;
  if (tags === undefined || !tags.has(r.benchmark)) return r.tag;
  return tags.tagOf(r.benchmark, r.id) ?? null;
}

const SOURCE_WORDS = {
  text: 'TEXT-ONLY features (no image; a demo fallback, not the paper’s gme classifier)',
  gme: 'gme-Qwen2-VL embeddings',
  remote: 'embeddings from a remote endpoint',
} as const;

function pct(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** One note per tags file (Tables 2–3 only), in column order. */
export function tagNotes(kind: TableKind, tags: TagSet | undefined): string[] {
  if (tags === undefined || TABLE_REGISTRY[kind].selects === 'all') return [];
  const summaries = tags.summaries();
  const notes: string[] = [];
  for (const col of TABLE_COLUMNS) {
    const s = summaries.find((x) => x.benchmark === col.benchmark);
    if (s === undefined) continue;
    const c = s.header.classifier;
    const by =
      s.gold === s.n
        ? 'gold question_type labels'
        : `classifier ${c.id} (${SOURCE_WORDS[c.source]} ${c.name}, CV AUC ${c.cvAuc.toFixed(3)})` +
          (s.gold > 0 ? `, gold labels for ${s.gold} item(s)` : '');
    notes.push(`${col.label}: tags by ${by}; ${pct(s.reasoning, s.n)} of ${s.n} items tagged reasoning`);
  }
  return notes;
}
