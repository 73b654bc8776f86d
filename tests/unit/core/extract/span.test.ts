// explainAnswer: the same extraction as extractAnswer, plus the span of the output it was read from (the inspector
// highlights it). Spans are hand-checked on one case per rule; the case table checks that the span holds the answer.

import { describe, expect, it } from 'vitest';
import { explainAnswer, extractAnswer, MAX_BOX_CHARS, normaliseAnswer } from '../../../../src/core/extract';
import { EXTRACT_CASES, O4, YN } from './cases';

const marked = (output: string, span: { start: number; end: number } | null): string | null =>
  span === null ? null : output.slice(span.start, span.end);

describe('explainAnswer spans', () => {
  it('marks the content of the last box after </think>, not a box inside the think block', () => {
    const out = '<think>maybe \\boxed{B}</think>So \\boxed{A} first, then \\boxed{\\text{C}}.';
    const got = explainAnswer(out, O4);
    expect(got).toMatchObject({ letter: 'C', status: 'boxed' });
    expect(marked(out, got.span)).toBe('\\text{C}');
  });

  it('marks an <answer> tag, an answer line and a bare letter in lenient mode', () => {
    const tag = 'Thinking.\n<answer> B </answer>';
    expect(marked(tag, explainAnswer(tag, O4, 'lenient').span)).toBe(' B ');
    const line = 'It is consolidation.\nFinal answer: C. Lung cancer\nThanks';
    const got = explainAnswer(line, O4, 'lenient');
    expect(got).toMatchObject({ letter: 'C', status: 'answer-line' });
    expect(marked(line, got.span)).toBe('C. Lung cancer');
    const bare = 'Reasons.\n\n  D \n';
    expect(marked(bare, explainAnswer(bare, O4, 'lenient').span)).toBe('D');
  });

  it('marks what there is of a cut-off box, and nothing when no answer was found', () => {
    const cut = 'So the answer is \\boxed{Pneumo';
    const got = explainAnswer(cut, O4);
    expect(got.status).toBe('truncated');
    expect(marked(cut, got.span)).toBe('Pneumo');
    expect(explainAnswer('no box here: B', O4).span).toBeNull();
    expect(explainAnswer('An echo \\boxed{} only', YN)).toEqual({
      extracted: '',
      letter: null,
      status: 'no_answer',
      span: null,
    });
  });

  it('agrees with extractAnswer on every case, and its span holds the text that was mapped', () => {
    for (const c of EXTRACT_CASES) {
      const got = explainAnswer(c.output, c.options, c.mode);
      const { span, ...extraction } = got;
      expect(extraction, c.name).toEqual(extractAnswer(c.output, c.options, c.mode));
      if (span === null || got.status === 'truncated') continue;
      const raw = c.output.slice(span.start, span.end);
      const expected = raw.length > MAX_BOX_CHARS ? normaliseAnswer(raw.slice(0, MAX_BOX_CHARS)) : normaliseAnswer(raw);
      expect(expected, c.name).toBe(got.extracted);
    }
  });
});
