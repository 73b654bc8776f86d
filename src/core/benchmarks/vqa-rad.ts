// VQA-RAD (OSF release): 'VQA_RAD Dataset Public.json' + 'VQA_RAD Image Folder/'. Test split = phrase_type
// test_freeform/test_para. Variant 'yesno' (paper, 251 items) or 'closed' (answer_type CLOSED, 272).
import type { DatasetSource } from '../ports';
import type { Item, LoadResult, Option } from '../types';
import { convertClosed } from './closed';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { pickMeta } from './fields';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { yesNoOf, yesNoOptions } from './options';
import { dirOf, joinPath } from './paths';
import { findNearest, listSource, readJsonArray } from './source-files';

/** The original file name, and the later GitHub copy's (adds a bbox field). */
const FILE_NAMES = ['VQA_RAD Dataset Public.json', 'VQA_RAD_Dataset_Public.json'];
const IMAGE_DIR = 'VQA_RAD Image Folder';
const TEST_PHRASES = new Set(['test_freeform', 'test_para']);
const META_FIELDS = ['image_organ', 'question_type', 'phrase_type', 'answer_type', 'evaluation'] as const;

export async function loadVqaRad(source: DatasetSource, variant: VariantOf<'vqa-rad'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'vqa-rad');
  const listing = await listSource(source);
  const file = findNearest(listing, FILE_NAMES);
  if (file === undefined) {
    throw noDataError(
      'VQA-RAD',
      source.root,
      `'VQA_RAD Dataset Public.json' and '${IMAGE_DIR}/' (OSF release, osf.io/89kps)`,
    );
  }
  const c = new LoadCollector('vqa-rad', variant, listing.set);
  c.addFile(file);
  const records = await readJsonArray(source, file, c);
  if (records === undefined) return c.finish('osf-json');
  c.countRecords(records.length);
  const imageDir = joinPath(dirOf(file), IMAGE_DIR);

  records.forEach((raw, i) => {
    const rec = c.record(file, i, raw);
    if (rec === null) return;
    const phrase = c.need(file, i, rec, 'phrase_type');
    if (phrase === null) return;
    if (!TEST_PHRASES.has(phrase)) return c.filter();
    const answer = c.need(file, i, rec, 'answer');
    if (answer === null) return;
    if (variant === 'yesno' && yesNoOf(answer) === null) return c.filter();
    if (variant === 'closed') {
      const answerType = c.need(file, i, rec, 'answer_type');
      if (answerType === null) return;
      if (answerType.toUpperCase() !== 'CLOSED') return c.filter();
    }
    const qid = c.need(file, i, rec, 'qid');
    const question = qid === null ? null : c.need(file, i, rec, 'question');
    const imageName = question === null ? null : c.need(file, i, rec, 'image_name');
    if (qid === null || question === null || imageName === null) return;

    let options: Option[];
    let letter: string;
    if (variant === 'yesno') {
      options = yesNoOptions();
      letter = yesNoOf(answer) === 'yes' ? 'A' : 'B';
    } else {
      const closed = convertClosed(question, answer);
      if (!('letter' in closed)) return c.exclude(file, i, 'answer', closed.problem, closed.detail);
      options = closed.options;
      letter = closed.letter;
    }
    const item: Item = {
      id: qid,
      benchmark: 'vqa-rad',
      variant,
      question,
      options,
      answer: letter,
      images: [c.image(joinPath(imageDir, imageName))],
      meta: pickMeta(rec, META_FIELDS),
    };
    c.keep(file, i, item);
  });
  return c.finish('osf-json');
}
