// MedXpertQA: HF `MM/test.jsonl` (options dict, label letter, images [names]) or the official eval jsonl
// (options [{letter, content}], label [letter], images [{image_path}]). Gold question_type → item tag.
import type { DatasetSource } from '../ports';
import type { Item, LoadResult, Option, Tag } from '../types';
import { LoadCollector } from './collector';
import type { VariantOf } from './catalogue';
import { type RawRecord, pickMeta } from './fields';
import { noDataError } from './load-errors';
import { LETTERS } from './options';
import { dirOf, joinPath } from './paths';
import { type Listing, listSource, parseJsonLines } from './source-files';

const META_FIELDS = ['medical_task', 'body_system', 'question_type'] as const;
const ANSWER_CHOICES = '\nAnswer Choices:';

/** The jsonl to read for a variant: the HF layout first, then the official eval repo's input file. */
function findFile(listing: Listing, variant: string): { file: string; format: string; root: string } | null {
  const hf = variant === 'mm' ? 'MM/test.jsonl' : 'Text/test.jsonl';
  const evalSuffix = variant === 'mm' ? 'medxpertqa_mm_input.jsonl' : '_text_input.jsonl';
  let best: { file: string; format: string; root: string } | null = null;
  for (const path of listing.paths) {
    if (path === hf || path.endsWith('/' + hf)) {
      const candidate = { file: path, format: 'hf-jsonl', root: dirOf(dirOf(path)) };
      if (best === null || best.format !== 'hf-jsonl' || path.length < best.file.length) best = candidate;
    } else if (
      path.endsWith(evalSuffix) &&
      (best === null || (best.format !== 'hf-jsonl' && path.length < best.file.length))
    ) {
      best = { file: path, format: 'official-eval-jsonl', root: '' };
    }
  }
  return best;
}

/** The question without the trailing "Answer Choices: (A) … (E) …" block (options are rendered once, by the prompt). */
export function stripAnswerChoices(question: string): string {
  const at = question.lastIndexOf(ANSWER_CHOICES);
  return (at >= 0 ? question.slice(0, at) : question).trim();
}

type Parsed = { options: Option[]; label: string; images: string[] } | { field: string; detail: string };

/** Options, gold letter and image names from either shape. */
function parseShape(rec: RawRecord): Parsed {
  const rawOptions = rec['options'];
  const entries: [string, unknown][] = Array.isArray(rawOptions)
    ? rawOptions.map((o: unknown): [string, unknown] => {
        const obj = typeof o === 'object' && o !== null ? (o as Record<string, unknown>) : {};
        return [typeof obj['letter'] === 'string' ? obj['letter'] : '', obj['content']];
      })
    : typeof rawOptions === 'object' && rawOptions !== null
      ? Object.entries(rawOptions)
      : [];
  if (entries.length < 2) return { field: 'options', detail: 'expected a dict or list of at least two options' };
  const options: Option[] = [];
  for (const [i, [letter, content]] of entries.entries()) {
    const text = typeof content === 'string' ? content.trim() : typeof content === 'number' ? String(content) : '';
    if (letter !== LETTERS.charAt(i) || text === '')
      return { field: 'options', detail: `option ${i + 1} is not '${LETTERS.charAt(i)}' with text` };
    options.push({ letter, text });
  }
  const rawLabel = rec['label'];
  const labels = Array.isArray(rawLabel) ? rawLabel : [rawLabel];
  if (labels.length !== 1 || typeof labels[0] !== 'string')
    return { field: 'label', detail: 'expected one gold letter' };
  const label = labels[0].trim().toUpperCase();
  if (!options.some((o) => o.letter === label)) return { field: 'label', detail: `gold '${label}' names no option` };
  const rawImages = rec['images'] ?? [];
  if (!Array.isArray(rawImages)) return { field: 'images', detail: 'expected a list' };
  const images: string[] = [];
  for (const img of rawImages) {
    const name =
      typeof img === 'string'
        ? img
        : typeof img === 'object' && img !== null
          ? (img as Record<string, unknown>)['image_path']
          : undefined;
    if (typeof name !== 'string' || name.trim() === '')
      return { field: 'images', detail: 'an image entry has no file name' };
    images.push(name.trim());
  }
  return { options, label, images };
}

function tagOf(questionType: string | null): Tag | undefined {
  const t = questionType?.trim().toLowerCase();
  return t === 'reasoning' ? 'reasoning' : t === 'understanding' ? 'understanding' : undefined;
}

export async function loadMedXpertQa(source: DatasetSource, variant: VariantOf<'medxpertqa'>): Promise<LoadResult> {
  const listing = await listSource(source);
  const found = findFile(listing, variant);
  if (found === null) {
    const want =
      variant === 'mm'
        ? "'MM/test.jsonl' (+ images/ from images.zip) or the official 'medxpertqa_mm_input.jsonl'"
        : "'Text/test.jsonl'";
    throw noDataError('MedXpertQA', source.root, `${want} (TsinghuaC3I/MedXpertQA)`);
  }
  const { file, format, root } = found;
  const c = new LoadCollector('medxpertqa', variant, listing.set);
  c.addFile(file);
  const { records, errors } = parseJsonLines(await source.readText(file));
  c.countRecords(records.length);
  const imageDir = joinPath(root, 'images');

  records.forEach((raw, i) => {
    const lineError = errors.get(i);
    if (lineError !== undefined) return c.exclude(file, i, '', 'parse-error', `line is not JSON (${lineError})`);
    const rec = c.record(file, i, raw);
    if (rec === null) return;
    const id = c.need(file, i, rec, 'id');
    const question = id === null ? null : c.need(file, i, rec, 'question');
    if (id === null || question === null) return;
    const parsed = parseShape(rec);
    if ('field' in parsed)
      return c.exclude(file, i, parsed.field, parsed.field === 'label' ? 'bad-gold' : 'bad-options', parsed.detail);
    const meta = pickMeta(rec, META_FIELDS);
    const tag = tagOf(typeof meta['question_type'] === 'string' ? meta['question_type'] : null);
    const item: Item = {
      id,
      benchmark: 'medxpertqa',
      variant,
      question: stripAnswerChoices(question),
      options: parsed.options,
      answer: parsed.label,
      images: parsed.images.map((name) => c.image(joinPath(imageDir, name))),
      meta,
      ...(tag !== undefined ? { tag, tagSource: 'gold' as const } : {}),
    };
    c.keep(file, i, item);
  });
  return c.finish(format);
}
