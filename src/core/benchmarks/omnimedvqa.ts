// OmniMedVQA: QA_information/Open-access/<sub-dataset>.json (+ Images/ beside QA_information). Options
// option_A…option_D (2–4), gold = option text → letter by exact match. Restricted-access has no images: filtered.
import type { DatasetSource } from '../ports';
import type { Item, LoadResult, Option } from '../types';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { optionalText } from './fields';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { matchGold } from './options';
import { KeyTrie, OptionPool } from './pools';
import { joinPath } from './paths';
import { listSource, readAhead, readJsonArray } from './source-files';

const OPEN = 'QA_information/Open-access/';
const RESTRICTED = 'QA_information/Restricted-access/';
const OPTION_FIELDS = ['option_A', 'option_B', 'option_C', 'option_D'] as const;

/** The data root (folder holding QA_information/) of a question file, or null when it is not one. */
function rootOf(path: string, marker: string): string | null {
  if (!path.endsWith('.json')) return null;
  const at = path.indexOf(marker);
  if (at < 0 || (at > 0 && path.charAt(at - 1) !== '/') || path.indexOf('/', at + marker.length) >= 0) return null;
  return at === 0 ? '' : path.slice(0, at - 1);
}

export async function loadOmniMedVqa(source: DatasetSource, variant: VariantOf<'omnimedvqa'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'omnimedvqa');
  const listing = await listSource(source);
  const open = listing.paths.filter((p) => rootOf(p, OPEN) !== null);
  if (open.length === 0) {
    throw noDataError(
      'OmniMedVQA',
      source.root,
      `'${OPEN}*.json' (foreverbeliever/OmniMedVQA) with 'Images/' beside QA_information`,
    );
  }
  const c = new LoadCollector('omnimedvqa', variant, listing.set);
  const pool = new OptionPool();
  // Items share one frozen options list and one frozen meta object per distinct value: fewer objects to hold and
  // to clone to the page. The options are pooled objects, so a list is found by their identities.
  const optionLists = new KeyTrie<Option, Option[]>();
  const metas = new KeyTrie<string | null, Record<string, string | null>>();
  // This record's options, collected here: a new array only for a list not seen before.
  const options: Option[] = [];

  // Restricted-access questions are counted as filtered: their images are not distributed.
  for (const file of listing.paths) {
    if (rootOf(file, RESTRICTED) === null) continue;
    c.addFile(file);
    const records = await readJsonArray(source, file, c);
    if (records === undefined) continue;
    c.countRecords(records.length);
    c.filter(records.length);
  }

  const texts = readAhead(source, open);
  for (let f = 0; f < open.length; f++) {
    const file = open[f] ?? '';
    c.addFile(file);
    const root = rootOf(file, OPEN) ?? '';
    const records = await readJsonArray(source, file, c, texts(f));
    if (records === undefined) continue;
    c.countRecords(records.length);
    for (let i = 0; i < records.length; i++) {
      const rec = c.record(file, i, records[i]);
      if (rec === null) continue;
      const id = c.need(file, i, rec, 'question_id');
      const question = id === null ? null : c.need(file, i, rec, 'question');
      const gold = question === null ? null : c.need(file, i, rec, 'gt_answer');
      const imagePath = gold === null ? null : c.need(file, i, rec, 'image_path');
      if (id === null || question === null || gold === null || imagePath === null) continue;

      options.length = 0;
      let problem: string | null = null;
      for (let k = 0; k < OPTION_FIELDS.length; k++) {
        const field = OPTION_FIELDS[k] ?? 'option_A';
        const value = rec[field];
        const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
        if (text === '') {
          if (value !== undefined && value !== null && typeof value !== 'string')
            problem = `'${field}' is ${typeof value}`;
          continue;
        }
        if (options.length !== k) problem = `'${field}' follows an absent option`;
        options.push(pool.get(k, text));
      }
      if (problem !== null || options.length < 2) {
        c.exclude(file, i, 'options', 'bad-options', problem ?? 'fewer than two options');
        continue;
      }
      // Fast path for the common case (exactly one equal option); matchGold explains the others.
      let letter: string | null = null;
      let matches = 0;
      for (const option of options) {
        if (option.text === gold) {
          matches++;
          letter = option.letter;
        }
      }
      if (matches !== 1 || letter === null) {
        const match = matchGold(options, gold, false);
        if (!('letter' in match)) {
          c.exclude(file, i, 'gt_answer', match.problem, match.detail);
          continue;
        }
        letter = match.letter;
      }
      let list = optionLists;
      for (const option of options) list = list.child(option);
      let shared = list.value;
      if (shared === undefined) {
        shared = options.slice();
        Object.freeze(shared);
        list.value = shared;
      }
      const dataset = optionalText(rec, 'dataset');
      const questionType = optionalText(rec, 'question_type');
      // One sub-dataset file names the field `modality` instead of `modality_type`.
      const modality = optionalText(rec, rec['modality_type'] !== undefined ? 'modality_type' : 'modality');
      const metaNode = metas.child(dataset).child(questionType).child(modality);
      let meta = metaNode.value;
      if (meta === undefined) {
        meta = { dataset, question_type: questionType, modality };
        Object.freeze(meta);
        metaNode.value = meta;
      }
      const item: Item = {
        id,
        benchmark: 'omnimedvqa',
        variant,
        question,
        options: shared,
        answer: letter,
        images: [c.image(joinPath(root, imagePath))],
        meta,
      };
      c.keep(file, i, item);
    }
  }
  return c.finish('omnimedvqa-json');
}
