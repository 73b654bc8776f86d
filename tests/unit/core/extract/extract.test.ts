// Runs the extraction case table (cases.ts) and checks the invariants every Extraction must satisfy.

import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION, extractAnswer } from '../../../../src/core/extract';
import { EXTRACT_CASES, O4 } from './cases';

describe('extractAnswer case table', () => {
  it('has at least 100 cases with unique names, covering both modes', () => {
    expect(EXTRACT_CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(EXTRACT_CASES.map((c) => c.name)).size).toBe(EXTRACT_CASES.length);
    expect(EXTRACT_CASES.some((c) => c.mode === 'lenient')).toBe(true);
    expect(EXTRACT_CASES.some((c) => c.mode === 'paper')).toBe(true);
  });

  it.each(EXTRACT_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const got = extractAnswer(c.output, c.options, c.mode);
    expect({ letter: got.letter, status: got.status }).toEqual({
      letter: c.expectedLetter,
      status: c.expectedStatus,
    });
  });
});

describe('extractAnswer invariants', () => {
  it('defaults to paper mode', () => {
    expect(extractAnswer('Answer: B', O4).status).toBe('no_answer');
    expect(extractAnswer('Answer: B', O4, 'lenient').status).toBe('answer-line');
  });

  it('sets a letter exactly when the status says an answer was mapped', () => {
    const mapped = new Set(['boxed', 'tagged', 'answer-line', 'bare']);
    for (const c of EXTRACT_CASES) {
      const got = extractAnswer(c.output, c.options, c.mode);
      expect(got.letter !== null, c.name).toBe(mapped.has(got.status));
      if (got.letter !== null)
        expect(
          c.options.map((o) => o.letter),
          c.name,
        ).toContain(got.letter);
    }
  });

  it('keeps the normalised string it mapped, and none when nothing was found', () => {
    expect(extractAnswer('$\\boxed{\\text{\\textbf{(B).}}}$', O4).extracted).toBe('B');
    expect(extractAnswer('\\boxed{B. Tuberculosis}', O4).extracted).toBe('B. Tuberculosis');
    expect(extractAnswer('no box here', O4).extracted).toBeNull();
    expect(extractAnswer('\\boxed{B', O4).extracted).toBeNull();
    expect(extractAnswer('\\boxed{}', O4).extracted).toBe('');
  });

  it('is deterministic', () => {
    for (const c of EXTRACT_CASES) {
      expect(extractAnswer(c.output, c.options, c.mode)).toEqual(extractAnswer(c.output, c.options, c.mode));
    }
  });

  it('has a version string to store with results', () => {
    expect(EXTRACTOR_VERSION).toBe('extract-v1');
  });
});
