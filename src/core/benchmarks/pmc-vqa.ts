// PMC-VQA: test_clean.csv (v1, default: Figure_path, Question, Answer, Choice A–D, Answer_label) or
// test_2.csv (v2: index, Figure_path, Caption, Question, Choice A–D, Answer, split) + figures.
import Papa from 'papaparse';
import type { DatasetSource } from '../ports';
import type { Item, LoadResult, Option } from '../types';
import { LoadCollector } from './collector';
import { BUNDLE_VARIANT, type VariantOf } from './catalogue';
import { optionalText } from './fields';
import { noDataError } from './load-errors';
import { loadBundleFor } from './mcq-bundle';
import { LETTERS, checkLetter } from './options';
import { dirOf, joinPath } from './paths';
import { findNearest, listSource, stripBom } from './source-files';

const FILES: Record<string, string> = { test_clean: 'test_clean.csv', test_2: 'test_2.csv' };
/** Where the figures may have been unpacked, relative to the csv (first that holds the file wins). */
const FIGURE_DIRS = ['figures', 'images', 'images_2', 'figures_2', ''];

/** " A:soleus  " → "soleus": the column's own letter prefix and stray spaces go. */
export function cleanChoice(raw: string, letter: string): string {
  const text = raw.trim();
  return text.startsWith(letter + ':') ? text.slice(letter.length + 1).trim() : text;
}

export async function loadPmcVqa(source: DatasetSource, variant: VariantOf<'pmc-vqa'>): Promise<LoadResult> {
  if (variant === BUNDLE_VARIANT) return loadBundleFor(source, 'pmc-vqa');
  const listing = await listSource(source);
  const name = FILES[variant] ?? 'test_clean.csv';
  const file = findNearest(listing, [name]);
  if (file === undefined) {
    const other = Object.entries(FILES).find(([v, f]) => v !== variant && findNearest(listing, [f]) !== undefined);
    throw noDataError(
      'PMC-VQA',
      source.root,
      `'${name}' (xmcmic/PMC-VQA) with its figures`,
      other ? `This folder has '${other[1]}': use --variant ${other[0]}.` : '',
    );
  }
  const c = new LoadCollector('pmc-vqa', variant, listing.set);
  c.addFile(file);
  const parsed = Papa.parse<Record<string, string>>(stripBom(await source.readText(file)), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim(),
  });
  const rows = parsed.data;
  c.countRecords(rows.length);
  const rowErrors = new Map<number, string>();
  for (const e of parsed.errors) if (e.row !== undefined && e.row !== null) rowErrors.set(e.row, e.message);

  const base = dirOf(file);
  const dirs = FIGURE_DIRS.map((d) => joinPath(base, d));
  const existing = dirs.find((d) => d !== base && listing.paths.some((p) => p.startsWith(d + '/')));
  const fallbackDir = existing ?? joinPath(base, 'figures');
  const goldField = parsed.meta.fields?.includes('Answer_label') ? 'Answer_label' : 'Answer';
  const format = variant === 'test_2' ? 'csv-v2' : 'csv-v1';

  rows.forEach((row, i) => {
    const csvError = rowErrors.get(i);
    if (csvError !== undefined) return c.exclude(file, i, '', 'csv-error', csvError);
    const figure = c.need(file, i, row, 'Figure_path');
    const question = figure === null ? null : c.need(file, i, row, 'Question');
    const gold = question === null ? null : c.need(file, i, row, goldField);
    if (figure === null || question === null || gold === null) return;

    const options: Option[] = [];
    let gap = false;
    for (const letter of LETTERS.slice(0, 4)) {
      const text = cleanChoice(row[`Choice ${letter}`] ?? '', letter);
      if (text === '') gap = true;
      else if (gap)
        return c.exclude(file, i, `Choice ${letter}`, 'bad-options', 'an empty choice before a non-empty one');
      else options.push({ letter, text });
    }
    if (options.length < 2) return c.exclude(file, i, 'Choice A', 'bad-options', 'fewer than two choices');
    const letter = checkLetter(options, gold);
    if (letter === null)
      return c.exclude(
        file,
        i,
        goldField,
        'gold-not-in-options',
        `gold '${gold}' names no choice (A–${LETTERS.charAt(options.length - 1)})`,
      );

    const found = dirs.map((d) => joinPath(d, figure)).find((p) => c.has(p));
    const index = variant === 'test_2' ? optionalText(row, 'index') : null;
    const item: Item = {
      id: index ?? `pmc-vqa:${file}#${i}`,
      benchmark: 'pmc-vqa',
      variant,
      question,
      options,
      answer: letter,
      images: [found !== undefined ? { path: found, present: true } : c.image(joinPath(fallbackDir, figure))],
      meta: { figure, split: optionalText(row, 'split') },
    };
    c.keep(file, i, item);
  });
  return c.finish(format);
}
