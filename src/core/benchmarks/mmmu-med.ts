// MMMU, five medical subjects, validation split (HF parquet: <Subject>/validation-*.parquet). Multiple-choice
// only (open questions are filtered); options are a Python-list string; <image n> → image_n struct bytes.
import type { DatasetSource } from '../ports';
import type { ImageRef, Item, LoadResult, MetaValue } from '../types';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { checkLetter, optionsFromTexts } from './options';
import { dirOf, joinPath } from './paths';
import { parquetImage, parquetText, readParquetFile } from './parquet';
import { parsePythonList } from './python-list';
import { listSource } from './source-files';

export const MMMU_MEDICAL_SUBJECTS = [
  'Basic_Medical_Science',
  'Clinical_Medicine',
  'Diagnostics_and_Laboratory_Medicine',
  'Pharmacy',
  'Public_Health',
] as const;
const MEDICAL = new Set<string>(MMMU_MEDICAL_SUBJECTS);
const VALIDATION_PARQUET = /(^|\/)validation(-\d+-of-\d+)?\.parquet$/;
const IMAGE_REF = /<image (\d+)>/g;
const ID_SUBJECT = /^(?:dev|validation|test)_(.+)_\d+$/;
const MAX_IMAGES = 7;

/** Image numbers in order of first appearance across the question and its options. */
export function imageOrder(texts: readonly string[]): number[] {
  const order: number[] = [];
  for (const text of texts) {
    for (const m of text.matchAll(IMAGE_REF)) {
      const n = Number(m[1]);
      if (!order.includes(n)) order.push(n);
    }
  }
  return order;
}

function subjectOf(id: string, file: string): string {
  const fromId = ID_SUBJECT.exec(id)?.[1];
  if (fromId !== undefined) return fromId;
  return dirOf(file).split('/').pop() ?? '';
}

export async function loadMmmu(source: DatasetSource, variant: VariantOf<'mmmu-med'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'mmmu-med');
  const listing = await listSource(source);
  const files = listing.paths.filter((p) => VALIDATION_PARQUET.test(p));
  if (files.length === 0) {
    throw noDataError(
      'MMMU',
      source.root,
      `'<Subject>/validation-00000-of-00001.parquet' for ${MMMU_MEDICAL_SUBJECTS.join(', ')} (HF MMMU/MMMU)`,
    );
  }
  const c = new LoadCollector('mmmu-med', variant, listing.set);
  for (const file of files) {
    const rows = await readParquetFile(source, c, file);
    if (rows === null) continue;
    const dir = dirOf(file);
    rows.forEach((row, i) => {
      const id = parquetText(row['id'])?.trim() ?? '';
      if (id === '') return c.exclude(file, i, 'id', 'missing-field', "'id' is absent or empty");
      const subject = subjectOf(id, file);
      // Other MMMU subjects may sit in the same folder tree: not medical, not ours.
      if (!MEDICAL.has(subject)) return c.filter();
      const questionType = parquetText(row['question_type'])?.trim() ?? '';
      if (questionType !== 'multiple-choice') {
        if (questionType === '')
          return c.exclude(file, i, 'question_type', 'missing-field', "'question_type' is absent");
        return c.filter();
      }
      const question = parquetText(row['question'])?.trim() ?? '';
      if (question === '') return c.exclude(file, i, 'question', 'missing-field', "'question' is absent or empty");
      const parsed = parsePythonList(parquetText(row['options']) ?? '');
      if (!parsed.ok)
        return c.exclude(file, i, 'options', 'bad-options', `not a Python list literal (${parsed.error})`);
      if (parsed.values.length < 2 || parsed.values.length > 26)
        return c.exclude(file, i, 'options', 'bad-options', `${parsed.values.length} options`);
      const options = optionsFromTexts(parsed.values);
      const letter = checkLetter(options, parquetText(row['answer']) ?? '');
      if (letter === null)
        return c.exclude(
          file,
          i,
          'answer',
          'bad-gold',
          `answer ${JSON.stringify(parquetText(row['answer']))} is not an option letter`,
        );

      let order = imageOrder([question, ...parsed.values]);
      if (order.length === 0) {
        // No placeholder at all: fall back to the filled image columns in number order.
        order = [];
        for (let n = 1; n <= MAX_IMAGES; n++) if (parquetImage(row[`image_${n}`]) !== null) order.push(n);
      }
      const images: ImageRef[] = order.map((n) => {
        const cell = parquetImage(row[`image_${n}`]);
        const pseudo = `${file}#${i}/image_${n}`;
        if (cell?.bytes) return { path: pseudo, present: true, bytes: cell.bytes };
        if (cell?.path) return c.image(joinPath(dir, cell.path));
        return { path: pseudo, present: false };
      });
      const meta: Record<string, MetaValue> = {
        subject,
        subfield: parquetText(row['subfield']),
        topic_difficulty: parquetText(row['topic_difficulty']),
        img_type: parquetText(row['img_type']),
        question_type: questionType,
      };
      const item: Item = { id, benchmark: 'mmmu-med', variant, question, options, answer: letter, images, meta };
      c.keep(file, i, item);
    });
  }
  return c.finish('parquet');
}
