// HuatuoGPT-Vision's Medical_Multimodal_Evaluation_Data ("MCQ bundle"): records {question, options: [texts],
// answer: text, image: [paths], dataset, subset} covering six benchmarks; loaded as their variant 'bundle'.
import type { DatasetSource } from '../ports';
import type { BenchmarkId, Item, LoadResult } from '../types';
import { BUNDLE_VARIANT } from './catalogue';
import { LoadCollector } from './collector';
import { type RawRecord, isRecord, optionalText } from './fields';
import { noDataError } from './load-errors';
import { matchGold, optionsFromTexts } from './options';
import { dirOf, joinPath } from './paths';
import { type Listing, listSource, stripBom } from './source-files';

/** The bundle's `dataset` values → our ids (HuatuoGPT-Vision spelling). */
export const BUNDLE_DATASETS: Readonly<Record<string, BenchmarkId>> = Object.freeze({
  OmniMedVQA: 'omnimedvqa',
  PathVQA_test: 'pathvqa',
  'PMC-VQA_test': 'pmc-vqa',
  SLAKE_test: 'slake',
  'VQA-RAD_test': 'vqa-rad',
  MMMU_Medical_Validation: 'mmmu-med',
});

const NON_ALNUM = /[^a-z0-9]/g;
const LENIENT = new Map<string, BenchmarkId>();
const SPLIT_SUFFIX = /(test|validation)$/;
for (const [name, id] of Object.entries(BUNDLE_DATASETS)) {
  const key = name.toLowerCase().replace(NON_ALNUM, '');
  LENIENT.set(key, id);
  LENIENT.set(key.replace(SPLIT_SUFFIX, ''), id);
}

/** Our id for a bundle `dataset` value (exact spelling first, then ignoring case and punctuation). */
export function benchmarkOfBundleDataset(dataset: string): BenchmarkId | null {
  return BUNDLE_DATASETS[dataset] ?? LENIENT.get(dataset.toLowerCase().replace(NON_ALNUM, '')) ?? null;
}

function looksLikeBundle(data: unknown): data is unknown[] {
  if (!Array.isArray(data)) return false;
  const first: unknown = data.find((r) => isRecord(r));
  return (
    isRecord(first) &&
    typeof first['question'] === 'string' &&
    Array.isArray(first['options']) &&
    'answer' in first &&
    typeof first['dataset'] === 'string'
  );
}

function textList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const out: string[] = [];
  for (const v of value) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number') out.push(String(v));
    else return null;
  }
  return out;
}

function convertRecord(c: LoadCollector, file: string, index: number, rec: RawRecord, id: BenchmarkId): void {
  const question = c.need(file, index, rec, 'question');
  if (question === null) return;
  const answer = c.need(file, index, rec, 'answer');
  if (answer === null) return;
  const texts = textList(rec['options']);
  if (texts === null || texts.length < 2 || texts.length > 26 || texts.some((t) => t.trim() === '')) {
    c.exclude(file, index, 'options', 'bad-options', 'expected a list of 2–26 non-empty option texts');
    return;
  }
  const rawImages = rec['image'] === undefined ? [] : textList(rec['image']);
  if (rawImages === null) {
    c.exclude(file, index, 'image', 'bad-type', "'image' must be a list of paths");
    return;
  }
  const options = optionsFromTexts(texts);
  const match = matchGold(options, answer, false);
  if (!('letter' in match)) {
    c.exclude(file, index, 'answer', match.problem, match.detail);
    return;
  }
  const dir = dirOf(file);
  const item: Item = {
    id: `${id}:${file}#${index}`,
    benchmark: id,
    variant: BUNDLE_VARIANT,
    question,
    options,
    answer: match.letter,
    images: rawImages.map((p) => c.image(joinPath(dir, p))),
    meta: { dataset: optionalText(rec, 'dataset'), subset: optionalText(rec, 'subset'), source_format: 'mcq-bundle' },
  };
  c.keep(file, index, item);
}

/** JSON of a file, or undefined when it is not JSON (then it is simply not a bundle). */
async function tryJson(source: DatasetSource, file: string): Promise<unknown> {
  try {
    return JSON.parse(stripBom(await source.readText(file))) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads every bundle-shaped *.json under the source into the given per-benchmark collectors.
 * Returns how many records each benchmark matched.
 */
async function collectBundle(
  source: DatasetSource,
  listing: Listing,
  collectors: ReadonlyMap<BenchmarkId, LoadCollector>,
): Promise<Map<BenchmarkId, number>> {
  const matched = new Map<BenchmarkId, number>();
  const all = [...collectors.values()];
  let bundles = 0;
  for (const file of listing.paths) {
    if (!file.toLowerCase().endsWith('.json')) continue;
    const data = await tryJson(source, file);
    if (!looksLikeBundle(data)) continue;
    bundles++;
    for (const c of all) {
      c.addFile(file);
      c.countRecords(data.length);
    }
    data.forEach((raw, index) => {
      const rec = isRecord(raw) ? raw : null;
      const dataset = rec === null ? null : optionalText(rec, 'dataset');
      if (rec === null || dataset === null) {
        // Unattributable: every report shows it, since it may have belonged to any of them.
        for (const c of all)
          c.exclude(
            file,
            index,
            'dataset',
            rec === null ? 'not-a-record' : 'missing-field',
            'record without a dataset name',
          );
        return;
      }
      const id = benchmarkOfBundleDataset(dataset);
      for (const [target, c] of collectors) {
        if (target !== id) {
          c.filter();
          continue;
        }
        matched.set(target, (matched.get(target) ?? 0) + 1);
        convertRecord(c, file, index, rec, target);
      }
    });
  }
  if (bundles === 0) {
    throw noDataError(
      'MCQ bundle',
      source.root,
      'a *.json file of records {question, options, answer, image, dataset, subset} (HuatuoGPT-Vision Medical_Multimodal_Evaluation_Data)',
    );
  }
  return matched;
}

/** One benchmark's records from the bundle (its variant 'bundle'); other datasets' records count as filtered. */
export async function loadBundleFor(source: DatasetSource, id: BenchmarkId): Promise<LoadResult> {
  const listing = await listSource(source);
  const c = new LoadCollector(id, BUNDLE_VARIANT, listing.set);
  await collectBundle(source, listing, new Map([[id, c]]));
  return c.finish('mcq-bundle');
}

/** Every benchmark the bundle holds records for, each as its variant 'bundle'. */
export async function loadMcqBundle(source: DatasetSource): Promise<Partial<Record<BenchmarkId, LoadResult>>> {
  const listing = await listSource(source);
  const collectors = new Map<BenchmarkId, LoadCollector>();
  for (const id of new Set(Object.values(BUNDLE_DATASETS)))
    collectors.set(id, new LoadCollector(id, BUNDLE_VARIANT, listing.set));
  const matched = await collectBundle(source, listing, collectors);
  const out: Partial<Record<BenchmarkId, LoadResult>> = {};
  for (const [id, c] of collectors) if ((matched.get(id) ?? 0) > 0) out[id] = c.finish('mcq-bundle');
  return out;
}
