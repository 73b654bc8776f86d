// Lenient-mode fallbacks, used only when the answer region holds no box (protocol §3.5):
// <answer>…</answer> → 'tagged', a final "Answer: X" / "answer is X" line → 'answer-line', a bare final letter → 'bare'.

import type { Extraction, ExtractStatus, Option } from '../types';
import { MAX_BOX_CHARS } from './boxed';
import { mapToLetter } from './letter';
import { normaliseAnswer } from './normalise';

const OPEN_TAG = /<answer>/gi;
const CLOSE_TAG = /<\/answer>/gi;
// Literal keyword first, so a match attempt starts only at "answer"/"答案"; no nested quantifiers.
// A closing markdown marker right after the colon ("**Answer:** C") belongs to the phrase; the
// lookahead keeps only phrases with an answer after them on the same line.
const ANSWER_PHRASE = /(?:answer|答案)[*_\s]*(?:is(?![a-z])|:|：|是|为|=)[*_]*(?=[ \t\u3000:：]*[^\s:：])/gi;

/** End index of the last match of a global regex that ends at or before `limit`; -1 when none. */
function lastMatchEnd(re: RegExp, text: string, limit: number): number {
  // test() advances lastIndex to each match end without allocating match arrays.
  re.lastIndex = 0;
  let last = -1;
  while (re.test(text) && re.lastIndex <= limit) last = re.lastIndex;
  return last;
}

/** Turns a found answer string into an Extraction with the rule's own status. */
export function mapFound(raw: string, options: readonly Option[], status: ExtractStatus): Extraction {
  if (raw.length > MAX_BOX_CHARS) {
    return { extracted: normaliseAnswer(raw.slice(0, MAX_BOX_CHARS)), letter: null, status: 'unmatched' };
  }
  const extracted = normaliseAnswer(raw);
  const match = mapToLetter(extracted, options);
  if (match.kind === 'letter') return { extracted, letter: match.letter, status };
  return { extracted, letter: null, status: match.kind };
}

/** A lenient rule's find: the text handed to mapping, and where it sits in the region ([start, end)). */
export interface LenientFind {
  status: 'tagged' | 'answer-line' | 'bare';
  raw: string;
  start: number;
  end: number;
}

function tagged(region: string): LenientFind | null {
  const closeEnd = lastMatchEnd(CLOSE_TAG, region, region.length);
  if (closeEnd < 0) return null;
  const closeStart = closeEnd - '</answer>'.length;
  const openEnd = lastMatchEnd(OPEN_TAG, region, closeStart);
  if (openEnd < 0) return null;
  const content = region.slice(openEnd, closeStart);
  if (content.trim() === '') return null;
  return { status: 'tagged', raw: content, start: openEnd, end: closeStart };
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10 || code === 0x3000;
}

/** Index of the first character after `from` that is neither blank nor a colon, or -1 if the line ends first. */
function answerStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return -1;
    if (!isBlank(c) && c !== 58 /* : */ && c !== 0xff1a /* ： */) return i;
  }
  return -1;
}

function answerLine(region: string): LenientFind | null {
  const phraseEnd = lastMatchEnd(ANSWER_PHRASE, region, region.length);
  if (phraseEnd < 0) return null;
  const start = answerStart(region, phraseEnd);
  if (start < 0) return null;
  const limit = start + MAX_BOX_CHARS + 1; // one past the cap, so mapFound can tell it was too long
  const nl = region.indexOf('\n', start);
  const end = nl < 0 || nl > limit ? Math.min(limit, region.length) : nl;
  return { status: 'answer-line', raw: region.slice(start, end), start, end };
}

function bare(region: string): LenientFind | null {
  let end = region.length;
  while (end > 0 && isBlank(region.charCodeAt(end - 1))) end--;
  if (end === 0) return null;
  const start = region.lastIndexOf('\n', end - 1) + 1;
  if (end - start > 64) return null; // a bare letter line is short; anything longer is prose
  const extracted = normaliseAnswer(region.slice(start, end));
  if (!/^[A-Za-z]$/.test(extracted)) return null;
  let first = start; // the span starts at the line's text, not its indent
  while (first < end && isBlank(region.charCodeAt(first))) first++;
  return { status: 'bare', raw: extracted, start: first, end };
}

/** The first lenient rule that finds a candidate, with where it found it; null when none applies. */
export function findLenient(region: string): LenientFind | null {
  return tagged(region) ?? answerLine(region) ?? bare(region);
}

/** The first lenient rule that finds a candidate decides; null when none applies. */
export function extractLenient(region: string, options: readonly Option[]): Extraction | null {
  const found = findLenient(region);
  return found === null ? null : mapFound(found.raw, options, found.status);
}
