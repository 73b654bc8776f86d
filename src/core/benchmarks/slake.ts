// SLAKE 1.0: test.json + imgs/<img_name>. English closed questions: yes/no → A. yes / B. no; either/or
// questions → the alternatives they name. Items whose options cannot be derived are excluded.
import type { DatasetSource } from '../ports';
import type { Item, LoadResult } from '../types';
import { convertClosed } from './closed';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { pickMeta } from './fields';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { dirOf, joinPath } from './paths';
import { findNearest, listSource, readJsonArray } from './source-files';

const META_FIELDS = ['modality', 'location', 'content_type', 'base_type', 'answer_type', 'img_id'] as const;

export async function loadSlake(source: DatasetSource, variant: VariantOf<'slake'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'slake');
  const listing = await listSource(source);
  const file = findNearest(listing, ['test.json']);
  if (file === undefined)
    throw noDataError('SLAKE', source.root, "'test.json' and 'imgs/' (Slake1.0 release, HF BoKelvin/SLAKE)");
  const c = new LoadCollector('slake', variant, listing.set);
  c.addFile(file);
  const records = await readJsonArray(source, file, c);
  if (records === undefined) return c.finish('slake-json');
  c.countRecords(records.length);
  const imageDir = joinPath(dirOf(file), 'imgs');

  records.forEach((raw, i) => {
    const rec = c.record(file, i, raw);
    if (rec === null) return;
    const lang = c.need(file, i, rec, 'q_lang');
    if (lang === null) return;
    if (lang !== 'en') return c.filter();
    const answerType = c.need(file, i, rec, 'answer_type');
    if (answerType === null) return;
    if (answerType.toUpperCase() !== 'CLOSED') return c.filter();
    const qid = c.need(file, i, rec, 'qid');
    const question = qid === null ? null : c.need(file, i, rec, 'question');
    const answer = question === null ? null : c.need(file, i, rec, 'answer');
    const imgName = answer === null ? null : c.need(file, i, rec, 'img_name');
    if (qid === null || question === null || answer === null || imgName === null) return;
    const closed = convertClosed(question, answer);
    if (!('letter' in closed)) return c.exclude(file, i, 'answer', closed.problem, closed.detail);
    const item: Item = {
      id: qid,
      benchmark: 'slake',
      variant,
      question,
      options: closed.options,
      answer: closed.letter,
      images: [c.image(joinPath(imageDir, imgName))],
      meta: pickMeta(rec, META_FIELDS),
    };
    c.keep(file, i, item);
  });
  return c.finish('slake-json');
}
