// Fuzz: 10,000 random and adversarial strings never make extraction throw or return an invalid result.
// Seeded PRNG, so every run sees the same strings.

import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../../src/core/extract';
import type { ExtractStatus, Option } from '../../../../src/core/types';
import { EO, O4, O5, O7, YN } from './cases';
import { mulberry32 } from '../../../support/prng';

const STATUSES = new Set<ExtractStatus>([
  'boxed',
  'tagged',
  'answer-line',
  'bare',
  'no_answer',
  'ambiguous',
  'truncated',
  'unmatched',
]);
const MAPPED = new Set<ExtractStatus>(['boxed', 'tagged', 'answer-line', 'bare']);

const prng = mulberry32;

const TOKENS = [
  '\\boxed{',
  '\\fbox{',
  '\\boxed',
  '{',
  '}',
  '\\',
  '\\{',
  '\\}',
  '</think>',
  '<think>',
  '<answer>',
  '</answer>',
  'Answer:',
  'answer is',
  '答案：',
  'A',
  'B',
  'C',
  'z',
  'yes',
  'no',
  'normal',
  '\n',
  ' ',
  '\t',
  '$',
  '\\text{',
  '\\textbf{',
  '**',
  '*',
  '(',
  ')',
  '[',
  ']',
  '.',
  ',',
  'and',
  'or',
  'Option',
  'Pneumonia',
  '\u0000',
  '\uFFFF',
  '\uD800',
  '\uDC00',
  '😀',
  'İ',
  'ß',
  'Ｂ',
  '\u200B',
];

function randomString(rand: () => number): string {
  const shape = Math.floor(rand() * 8);
  const n = 1 + Math.floor(rand() * 300);
  const pick = (): string => TOKENS[Math.floor(rand() * TOKENS.length)] ?? '';
  switch (shape) {
    case 0: // token soup
      return Array.from({ length: n }, pick).join('');
    case 1: // random code units, including lone surrogates
      return String.fromCharCode(...Array.from({ length: n }, () => Math.floor(rand() * 0x10000)));
    case 2: // deep nesting, maybe unbalanced
      return (
        '\\boxed{'.repeat(1 + Math.floor(rand() * 3)) +
        '{'.repeat(n * 10) +
        'B' +
        '}'.repeat(Math.floor(rand() * n * 11))
      );
    case 3: // repeated box prefixes
      return '\\boxed{'.repeat(n) + pick();
    case 4: // unbalanced closers then a box
      return '}'.repeat(n) + '\\boxed{' + pick() + '}' + '}'.repeat(n);
    case 5: // lenient shapes stacked
      return Array.from({ length: n }, () => (rand() < 0.5 ? '<answer>' : 'Answer: ') + pick() + '\n').join('');
    case 6: // random unicode code points (astral included)
      return String.fromCodePoint(...Array.from({ length: n }, () => Math.floor(rand() * 0x10ffff) & ~0x800));
    default: // a well-formed box around token soup
      return `\\boxed{${Array.from({ length: n % 20 }, pick).join('')}}`;
  }
}

const OPTION_SETS: readonly (readonly Option[])[] = [O4, O5, YN, EO, O7, []];

describe('extractAnswer fuzz', () => {
  it('never throws and always returns a valid, deterministic extraction (10,000 strings)', () => {
    const rand = prng(20240611);
    const seen = new Set<ExtractStatus>();
    for (let i = 0; i < 10_000; i++) {
      const output = randomString(rand);
      const options = OPTION_SETS[i % OPTION_SETS.length] ?? O4;
      const mode = i % 2 === 0 ? 'paper' : 'lenient';
      const got = extractAnswer(output, options, mode);
      seen.add(got.status);
      if (!STATUSES.has(got.status)) throw new Error(`invalid status ${got.status} for input #${i}`);
      if ((got.letter !== null) !== MAPPED.has(got.status)) throw new Error(`letter/status mismatch for input #${i}`);
      if (got.letter !== null && !options.some((o) => o.letter === got.letter))
        throw new Error(`letter out of range #${i}`);
      if (got.extracted !== null && typeof got.extracted !== 'string') throw new Error(`bad extracted #${i}`);
      if (i % 97 === 0) expect(extractAnswer(output, options, mode)).toEqual(got);
    }
    // The generator reaches the main outcomes, so the loop above exercised them.
    for (const s of ['boxed', 'truncated', 'no_answer', 'unmatched'] as const) expect(seen.has(s), s).toBe(true);
  });
});
