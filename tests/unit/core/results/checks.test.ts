// Result lines are checked, not trusted: `correct` is recomputed from the letter and the gold, and implausible
// token counts and latencies become unknown, each change reported with its line.
import { describe, expect, it } from 'vitest';
import {
  KEPT_PROBLEMS,
  MAX_PLAUSIBLE_TOKENS,
  parseResultsJsonl,
  serializeManifest,
  serializeResult,
} from '../../../../src/core/results';
import { summarize, toItemResult } from '../../../../src/core/score';
import type { Item } from '../../../../src/core/types';
import { manifest, result } from './make-results';

const M = serializeManifest(manifest());
const r = (id: string, over = {}): string => serializeResult(result(id, over));

describe('correct is recomputed from the letter and the gold', () => {
  it('counts a line claiming correct: true with letter A and gold B as wrong, and reports it', () => {
    const lying = r('2', { letter: 'A', gold: 'B', correct: true });
    const modest = r('3', { letter: 'A', gold: 'A', correct: false });
    const noLetter = r('4', { letter: null, status: 'no_answer', correct: true });
    const parsed = parseResultsJsonl(M + r('1') + lying + modest + noLetter, 'x.jsonl');
    const byId = new Map(parsed.runs[0]?.results.map((x) => [x.id, x.correct]));
    expect(Object.fromEntries(byId)).toEqual({ '1': true, '2': false, '3': true, '4': false });
    expect(parsed.problems).toEqual([]);
    expect(parsed.recounted.total).toBe(3);
    expect(parsed.recounted.shown.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(parsed.recounted.shown[0]?.message).toBe('item 2 says correct: true but letter A vs gold B — counted wrong');
    expect(parsed.recounted.shown[2]?.message).toContain('no letter was extracted');
    expect(summarize(parsed.runs[0]?.results ?? []).correct).toBe(2);
  });

  it('caps the list of recounted lines but counts them all', () => {
    const lines = Array.from({ length: 250 }, (_, i) => r(String(i), { letter: 'A', gold: 'B', correct: true }));
    const parsed = parseResultsJsonl(M + lines.join(''), 'x.jsonl');
    expect(parsed.recounted.total).toBe(250);
    expect(parsed.recounted.shown).toHaveLength(KEPT_PROBLEMS);
  });
});

describe('implausible numbers become unknown', () => {
  it('clamps 1e308 tokens, a negative or infinite latency and fractional tokens to null, keeping the answer', () => {
    const huge = r('1', { completionTokens: 1e308 });
    const negative = r('2', { latencyMs: -5 });
    // 1e400 is valid JSON and parses to Infinity
    const infinite = r('3').replace('"latencyMs":1234.5', '"latencyMs":1e400');
    const fractional = r('4', { promptTokens: 12.5 });
    const parsed = parseResultsJsonl(M + huge + negative + infinite + fractional + r('5'), 'x.jsonl');
    expect(parsed.problems).toEqual([]);
    const results = parsed.runs[0]?.results ?? [];
    expect(results.map((x) => [x.promptTokens, x.completionTokens, x.latencyMs])).toEqual([
      [100, null, 1234.5],
      [100, 50, null],
      [100, 50, null],
      [null, 50, 1234.5],
      [100, 50, 1234.5],
    ]);
    expect(results.every((x) => x.correct)).toBe(true);
    expect(parsed.clamped.total).toBe(4);
    expect(parsed.clamped.shown.map((p) => p.line)).toEqual([2, 3, 4, 5]);
    expect(parsed.clamped.shown[0]?.message).toBe('item 1: implausible completionTokens 1e+308 — stored as unknown');
    expect(parsed.clamped.shown[2]?.message).toContain('latencyMs Infinity');
  });

  it('keeps the largest plausible count and a zero latency', () => {
    const parsed = parseResultsJsonl(M + r('1', { completionTokens: MAX_PLAUSIBLE_TOKENS, latencyMs: 0 }), 'x');
    expect(parsed.clamped.total).toBe(0);
    expect(parsed.runs[0]?.results[0]?.completionTokens).toBe(MAX_PLAUSIBLE_TOKENS);
  });

  it('a live result never stores a server-reported 1e308 tokens or a NaN latency', () => {
    const item: Item = {
      id: 'q1',
      benchmark: 'vqa-rad',
      variant: 'yesno',
      question: 'Is there a fracture?',
      options: [
        { letter: 'A', text: 'yes' },
        { letter: 'B', text: 'no' },
      ],
      answer: 'A',
      images: [],
      meta: {},
    };
    const res = toItemResult(item, '\\boxed{A}', {
      model: 'm',
      promptTokens: 12,
      completionTokens: 1e308,
      latencyMs: Number.NaN,
    });
    expect([res.promptTokens, res.completionTokens, res.latencyMs, res.correct]).toEqual([12, null, null, true]);
  });
});
