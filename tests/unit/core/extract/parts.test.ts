// Unit checks of the pieces behind extractAnswer: box scanning, normalisation, letter mapping.

import { describe, expect, it } from 'vitest';
import {
  answerRegion,
  canonical,
  findLastBox,
  isYesNo,
  mapToLetter,
  normaliseAnswer,
  unwrapLatex,
} from '../../../../src/core/extract';
import { O4, YN } from './cases';

describe('findLastBox', () => {
  it.each([
    ['\\boxed{A}', { kind: 'box', content: 'A' }],
    ['\\boxed{a{b}c} tail', { kind: 'box', content: 'a{b}c' }],
    ['\\boxed{x\\}y}', { kind: 'box', content: 'x\\}y' }],
    ['\\boxed{A} \\fbox{B}', { kind: 'box', content: 'B' }],
    ['\\boxed{A', { kind: 'truncated' }],
    ['\\boxed{{A}', { kind: 'truncated' }],
    ['no box', { kind: 'none' }],
    ['\\boxed without a brace', { kind: 'none' }],
  ] as const)('%s', (text, expected) => {
    expect(findLastBox(text)).toEqual(expected);
  });
});

describe('answerRegion', () => {
  it('keeps the text after the last </think>, or all of it', () => {
    expect(answerRegion('<think>a</think>b<think>c</think>d')).toBe('d');
    expect(answerRegion('<think>open only')).toBe('<think>open only');
  });
});

describe('normaliseAnswer', () => {
  it.each([
    ['$B$', 'B'],
    ['\\text{\\textbf{B}}', 'B'],
    ['\\mathrm{\\mathbf{C}}', 'C'],
    ['**(D)**', 'D'],
    ['[A].', 'A'],
    ['Answer: B', 'B'],
    ['The final answer is C', 'C'],
    ['Option (D)', 'D'],
    ['Choice of antibiotic', 'Choice of antibiotic'],
    ['(A) and (B)', '(A) and (B)'],
    ['**A** and **B**', '**A** and **B**'],
    ['  Pneumonia!  ', 'Pneumonia'],
    ['答案：A', 'A'],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseAnswer(raw)).toBe(expected);
  });

  it('unwraps nested wrappers but keeps other braces', () => {
    expect(unwrapLatex('\\text{a\\textbf{b}{c}}')).toBe('ab{c}');
  });

  it('canonical form ignores case and punctuation', () => {
    expect(canonical('  Lung-Cancer. ')).toBe('lung cancer');
  });
});

describe('mapToLetter', () => {
  it('detects yes/no items', () => {
    expect(isYesNo(YN)).toBe(true);
    expect(isYesNo(O4)).toBe(false);
  });

  it.each([
    ['B', 'B'],
    ['b', 'B'],
    ['B. Tuberculosis', 'B'],
    ['Lung cancer', 'C'],
  ])('%s on 4 options → %s', (answer, letter) => {
    expect(mapToLetter(answer, O4)).toEqual({ kind: 'letter', letter });
  });

  it('reports two letters as ambiguous and strangers as unmatched', () => {
    expect(mapToLetter('A or C', O4).kind).toBe('ambiguous');
    expect(mapToLetter('Z', O4).kind).toBe('unmatched');
    expect(mapToLetter('normal', YN).kind).toBe('unmatched');
  });
});
