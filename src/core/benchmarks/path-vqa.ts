// PathVQA: HF parquet (flaviagiammarino/path-vqa: image struct, question, answer) or the JSON export
// (test.json with image paths). Test split, yes/no answers only → A. yes / B. no.
import type { DatasetSource } from '../ports';
import type { ImageRef, Item, LoadResult } from '../types';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { yesNoOf, yesNoOptions } from './options';
import { dirOf, joinPath } from './paths';
import { parquetImage, parquetText, readParquetFile } from './parquet';
import { findNearest, listSource, readJsonArray } from './source-files';

/** HF shards: data/test-00000-of-00003.parquet (or a single test.parquet). */
const TEST_PARQUET = /(^|\/)test(-\d+-of-\d+)?\.parquet$/;

/** One row, whatever the container: question and answer text plus a way to reach its image. */
function convertRow(
  c: LoadCollector,
  file: string,
  i: number,
  question: string | null,
  answer: string | null,
  image: () => ImageRef | null,
  variant: string,
): void {
  if (answer === null || answer.trim() === '')
    return c.exclude(file, i, 'answer', 'missing-field', "'answer' is absent or empty");
  const yn = yesNoOf(answer);
  if (yn === null) return c.filter();
  if (question === null || question.trim() === '')
    return c.exclude(file, i, 'question', 'missing-field', "'question' is absent or empty");
  const ref = image();
  if (ref === null) return c.exclude(file, i, 'image', 'missing-field', 'no image bytes or path');
  const item: Item = {
    id: `pathvqa:${file}#${i}`,
    benchmark: 'pathvqa',
    variant,
    question: question.trim(),
    options: yesNoOptions(),
    answer: yn === 'yes' ? 'A' : 'B',
    images: [ref],
    meta: {},
  };
  c.keep(file, i, item);
}

async function loadParquet(source: DatasetSource, c: LoadCollector, files: string[], variant: string): Promise<void> {
  for (const file of files) {
    const rows = await readParquetFile(source, c, file);
    if (rows === null) continue;
    const dir = dirOf(file);
    rows.forEach((row, i) => {
      const image = (): ImageRef | null => {
        const cell = parquetImage(row['image']);
        if (cell === null) return null;
        if (cell.bytes !== null) return { path: `${file}#${i}/image`, present: true, bytes: cell.bytes };
        return cell.path === null ? null : c.image(joinPath(dir, cell.path));
      };
      convertRow(c, file, i, parquetText(row['question']), parquetText(row['answer']), image, variant);
    });
  }
}

export async function loadPathVqa(source: DatasetSource, variant: VariantOf<'pathvqa'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'pathvqa');
  const listing = await listSource(source);
  const c = new LoadCollector('pathvqa', variant, listing.set);
  const parquet = listing.paths.filter((p) => TEST_PARQUET.test(p));
  if (parquet.length > 0) {
    await loadParquet(source, c, parquet, variant);
    return c.finish('parquet');
  }
  const file = findNearest(listing, ['test.json']);
  if (file === undefined) {
    throw noDataError(
      'PathVQA',
      source.root,
      "the HF parquet shards 'data/test-*.parquet' (flaviagiammarino/path-vqa) or a 'test.json' export with image paths",
    );
  }
  c.addFile(file);
  const records = await readJsonArray(source, file, c);
  if (records === undefined) return c.finish('json-export');
  c.countRecords(records.length);
  const dir = dirOf(file);
  records.forEach((raw, i) => {
    const rec = c.record(file, i, raw);
    if (rec === null) return;
    const text = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
    const image = (): ImageRef | null => {
      const path = rec['image'];
      return typeof path === 'string' && path.trim() !== '' ? c.image(joinPath(dir, path.trim())) : null;
    };
    convertRow(c, file, i, text(rec['question']), text(rec['answer']), image, variant);
  });
  return c.finish('json-export');
}
