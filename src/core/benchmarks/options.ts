// Building multiple-choice options and mapping a gold answer to its letter — exactly, never by guessing.
import type { Option } from '../types';

export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Options lettered A, B, … in the given order (texts trimmed). */
export function optionsFromTexts(texts: readonly string[]): Option[] {
  return texts.map((text, i) => ({ letter: LETTERS.charAt(i), text: text.trim() }));
}

const YES: Option = Object.freeze({ letter: 'A', text: 'yes' });
const NO: Option = Object.freeze({ letter: 'B', text: 'no' });

/** The fixed yes/no options of closed questions: A. yes, B. no (a fresh array of shared, frozen options). */
export function yesNoOptions(): Option[] {
  return [YES, NO];
}

/** 'yes' / 'no' when the answer is one of them (case-insensitive, trimmed), else null. */
export function yesNoOf(answer: string): 'yes' | 'no' | null {
  const a = answer.trim().toLowerCase();
  return a === 'yes' ? 'yes' : a === 'no' ? 'no' : null;
}

export type GoldMatch = { letter: string } | { problem: 'gold-not-in-options' | 'gold-ambiguous'; detail: string };

/**
 * The letter of the one option whose (trimmed) text equals the trimmed `gold`: exact otherwise (OmniMedVQA,
 * bundle) or case-insensitive (SLAKE, VQA-RAD either/or). No match or two matches is a problem, not a guess.
 */
export function matchGold(options: readonly Option[], gold: string, caseInsensitive: boolean): GoldMatch {
  const want = caseInsensitive ? gold.trim().toLowerCase() : gold.trim();
  let letter: string | null = null;
  let count = 0;
  for (const option of options) {
    const text = caseInsensitive ? option.text.trim().toLowerCase() : option.text;
    if (text === want) {
      count++;
      letter ??= option.letter;
    }
  }
  if (letter !== null && count === 1) return { letter };
  const list = options.map((o) => JSON.stringify(o.text)).join(', ');
  return count === 0
    ? { problem: 'gold-not-in-options', detail: `gold ${JSON.stringify(gold)} is none of ${list}` }
    : { problem: 'gold-ambiguous', detail: `gold ${JSON.stringify(gold)} matches ${count} options of ${list}` };
}

/** A gold letter given directly (MedXpertQA label, PMC-VQA Answer_label, MMMU answer): must name an option. */
export function checkLetter(options: readonly Option[], letter: string): string | null {
  const l = letter.trim().toUpperCase();
  return options.some((o) => o.letter === l) ? l : null;
}

const ARTICLES = new Set(['a', 'an', 'the']);
const QUESTION_WORDS = new Set([
  'which',
  'what',
  'where',
  'who',
  'how',
  'is',
  'are',
  'does',
  'do',
  'can',
  'was',
  'were',
]);
const LEADING_PUNCT = /^[("']+/;
const TRAILING_PUNCT = /[)"',.;:]+$/;

function wordCount(text: string): number {
  return text.split(' ').filter((w) => w !== '').length;
}

/**
 * The alternatives an either/or question names, in order, or null when it names none:
 *  - comma form (SLAKE): "Which is bigger in this image, liver or spleen?" → [liver, spleen];
 *    "…,left,top or upper left?" → [left, top, upper left] (segments after the stem, up to three words each);
 *  - bare form (VQA-RAD): "Is this an MRI or a CT scan?" → [MRI, CT] (the word before "or", the word after it
 *    skipping articles; two words each for parallel phrases like "T1 weighted or T2 weighted").
 */
export function deriveAlternatives(question: string): string[] | null {
  const q = question.trim();
  const end = q.endsWith('?') ? q.length - 1 : q.length;
  const lower = q.toLowerCase();
  const at = lower.lastIndexOf(' or ', end);
  if (at < 0) return null;
  const head = q.slice(0, at);
  const tail = q.slice(at + 4, end).trim();
  if (tail === '') return null;
  const alternatives: string[] = [];
  const segments = head.split(',');
  if (segments.length > 1) {
    // Walk back from "or" over short list segments; the first segment is always the question stem.
    for (let i = segments.length - 1; i >= 1; i--) {
      const seg = (segments[i] ?? '').trim();
      const first = seg.split(' ')[0]?.toLowerCase() ?? '';
      if (seg === '' || wordCount(seg) > 3 || QUESTION_WORDS.has(first)) break;
      alternatives.unshift(seg);
    }
    if (alternatives.length > 0 && wordCount(tail) <= 3) return [...alternatives, tail];
  }
  const headWords = head
    .trim()
    .split(' ')
    .filter((w) => w !== '');
  const afterWords = tail.split(' ').filter((w) => w !== '' && !ARTICLES.has(w.toLowerCase()));
  const clean = (w: string): string => w.replace(LEADING_PUNCT, '').replace(TRAILING_PUNCT, '');
  let a = clean(headWords[headWords.length - 1] ?? '');
  let b = clean(afterWords[0] ?? '');
  // Parallel phrases: "a T1 weighted or T2 weighted image" → [T1 weighted, T2 weighted].
  const second = afterWords[1];
  if (headWords.length >= 2 && second !== undefined && clean(second).toLowerCase() === a.toLowerCase()) {
    a = `${clean(headWords[headWords.length - 2] ?? '')} ${a}`;
    b = `${b} ${clean(second)}`;
  }
  if (a === '' || b === '' || ARTICLES.has(a.toLowerCase())) return null;
  return [a, b];
}
