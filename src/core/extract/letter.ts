// Maps a normalised answer string to one option letter (protocol §3.4), or says why it cannot:
// two different letters → ambiguous, nothing that fits → unmatched. Never picks by similarity.

import type { Option } from '../types';
import { canonical, containsWords } from './normalise';

export type LetterMatch = { kind: 'letter'; letter: string } | { kind: 'ambiguous' } | { kind: 'unmatched' };

const AMBIGUOUS: LetterMatch = { kind: 'ambiguous' };
const UNMATCHED: LetterMatch = { kind: 'unmatched' };
const found = (letter: string): LetterMatch => ({ kind: 'letter', letter });

// "A and C", "B, D", "A/B", "A or B": uppercase only, so English words ("a", "or") stay text.
const LIST_SEPARATOR = /\s*(?:,|，|、|;|\/|&|\+|和|或)\s*|\s+(?:and|or)\s+|\s+/;
const LIST_TOKEN = /^\(?([A-Z])[).]?$/;
// "B. Pneumonia", "(B) Pneumonia", "b) pneumonia", "B: Pneumonia", "A, because…"; "e.g." is not a letter.
const PREFIX_PUNCT = /^\(?([A-Za-z])\s*([.．,，](?:\s+|$)|[)）:：]\s*)([\s\S]*)$/;
// "B Pneumonia": uppercase only, so the article in "a mass" is never read as a letter.
const PREFIX_SPACE = /^([A-Z])(\s+)([\s\S]*)$/;
// What follows the first letter names a second one: "A and C …", "A or (B)", "A, B, …".
const CONNECTED_LETTER = /^(?:and|or|AND|OR|&|\/|和|或)\s*\(?[A-Z](?![A-Za-z])/;
const LISTED_LETTER = /^\(?[A-Za-z](?![A-Za-z'’])/;

interface Indexed {
  letter: string;
  canon: string;
}

function distinctLetters(list: readonly Indexed[]): string[] {
  return [...new Set(list.map((o) => o.letter))];
}

/** One letter, or ambiguity when several different options qualify. */
function decide(cands: readonly Indexed[]): LetterMatch | null {
  const letters = distinctLetters(cands);
  if (letters.length === 0) return null;
  const only = letters[0];
  return letters.length === 1 && only !== undefined ? found(only) : AMBIGUOUS;
}

function letterList(answer: string): string[] | null {
  const tokens = answer.split(LIST_SEPARATOR).filter((t) => t !== '');
  if (tokens.length < 2) return null;
  const letters: string[] = [];
  for (const t of tokens) {
    const m = LIST_TOKEN.exec(t);
    if (m?.[1] === undefined) return null;
    letters.push(m[1]);
  }
  return letters;
}

export function isYesNo(options: readonly Option[]): boolean {
  if (options.length !== 2) return false;
  const texts = options.map((o) => canonical(o.text)).sort();
  return texts[0] === 'no' && texts[1] === 'yes';
}

function byPrefix(answer: string, indexed: readonly Indexed[], inRange: Set<string>): LetterMatch | null {
  const m = PREFIX_PUNCT.exec(answer) ?? PREFIX_SPACE.exec(answer);
  const letter = m?.[1]?.toUpperCase();
  if (m === null || letter === undefined || !inRange.has(letter)) return null;
  const comma = /^[,，]/.test(m[2] ?? '');
  const rest = (m[3] ?? '').trim();
  if (CONNECTED_LETTER.test(rest) || (comma && LISTED_LETTER.test(rest))) return AMBIGUOUS;
  const restCanon = canonical(rest);
  if (restCanon === '') return found(letter);
  const same = indexed.filter((o) => o.canon === restCanon);
  // "A. no" on a yes/no item names two different options: report it, do not choose.
  if (same.length > 0 && !same.some((o) => o.letter === letter)) return AMBIGUOUS;
  return found(letter);
}

function byYesNo(canon: string, indexed: readonly Indexed[]): LetterMatch {
  const words = canon.split(' ');
  const hits = indexed.filter((o) => words.includes(o.canon));
  return decide(hits) ?? UNMATCHED;
}

function byContainment(canon: string, indexed: readonly Indexed[]): LetterMatch | null {
  const inside = indexed.filter((o) => o.canon !== '' && containsWords(canon, o.canon));
  const letters = distinctLetters(inside);
  if (letters.length === 1) return decide(inside);
  if (letters.length > 1) {
    // "bacterial pneumonia" on options {pneumonia, bacterial pneumonia}: the longer option states
    // the shorter one, so it is the single option fully named; anything else is ambiguous.
    const longest = inside.reduce((a, b) => (b.canon.length > a.canon.length ? b : a));
    const nested = inside.every((o) => o.letter === longest.letter || containsWords(longest.canon, o.canon));
    const tie = inside.some((o) => o.letter !== longest.letter && o.canon.length === longest.canon.length);
    return nested && !tie ? found(longest.letter) : AMBIGUOUS;
  }
  // Answer is part of one option's text ("left" for "Left lung"); too short a fragment says nothing.
  if (canon.length < 3) return null;
  return decide(indexed.filter((o) => containsWords(o.canon, canon)));
}

/** Maps a normalised answer to a letter of `options`; see the module comment for the order. */
export function mapToLetter(answer: string, options: readonly Option[]): LetterMatch {
  if (answer === '') return UNMATCHED;
  const inRange = new Set(options.map((o) => o.letter.toUpperCase()));
  const indexed: Indexed[] = options.map((o) => ({ letter: o.letter.toUpperCase(), canon: canonical(o.text) }));

  const list = letterList(answer);
  if (list !== null) {
    const distinct = [...new Set(list)];
    const only = distinct[0];
    if (distinct.length > 1) return AMBIGUOUS;
    return only !== undefined && inRange.has(only) ? found(only) : UNMATCHED;
  }
  if (/^[A-Za-z]$/.test(answer) && inRange.has(answer.toUpperCase())) return found(answer.toUpperCase());

  const canon = canonical(answer);
  const equal = decide(indexed.filter((o) => o.canon !== '' && o.canon === canon));
  if (equal !== null) return equal;

  const prefixed = byPrefix(answer, indexed, inRange);
  if (prefixed !== null) return prefixed;
  if (canon === '') return UNMATCHED;

  // Yes/no items match whole words only: "no" never matches "normal" or "nodule".
  if (isYesNo(options)) return byYesNo(canon, indexed);
  return byContainment(canon, indexed) ?? UNMATCHED;
}
