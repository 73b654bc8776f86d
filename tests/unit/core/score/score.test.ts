// Scoring: per-item results, Wilson intervals against published values, summaries, grouping, McNemar.

import { describe, expect, it } from 'vitest';
import {
  grouped,
  groupByMeta,
  groupByTag,
  metaFields,
  mcnemar,
  scoreOutput,
  summarize,
  toItemResult,
  wilsonInterval,
} from '../../../../src/core/score';
import type { Item, ItemResult } from '../../../../src/core/types';

const ITEM: Item = {
  id: 'vqa-rad-7',
  benchmark: 'vqa-rad',
  variant: 'default',
  question: 'Is there a fracture?',
  options: [
    { letter: 'A', text: 'yes' },
    { letter: 'B', text: 'no' },
  ],
  answer: 'B',
  images: [{ path: 'img.jpg', present: true }],
  meta: { modality: 'CT', organ: 'HEAD' },
  tag: 'understanding',
  tagSource: 'gme',
};

describe('scoreOutput', () => {
  it('scores the extracted letter against the gold', () => {
    expect(scoreOutput(ITEM, '\\boxed{B}')).toEqual({
      extraction: { extracted: 'B', letter: 'B', status: 'boxed' },
      correct: true,
    });
    expect(scoreOutput(ITEM, '\\boxed{normal}').correct).toBe(false);
    expect(scoreOutput(ITEM, 'Answer: no').correct).toBe(false);
    expect(scoreOutput(ITEM, 'Answer: no', 'lenient')).toEqual({
      extraction: { extracted: 'no', letter: 'B', status: 'answer-line' },
      correct: true,
    });
  });
});

describe('toItemResult', () => {
  it('fills every field from the item, the output and the options', () => {
    const r = toItemResult(ITEM, '<think>x</think>\\boxed{no}', {
      model: 'qwen2.5-vl-7b',
      promptTokens: 120,
      completionTokens: 40,
      latencyMs: 812,
      truncated: false,
    });
    expect(r).toEqual({
      type: 'result',
      id: 'vqa-rad-7',
      benchmark: 'vqa-rad',
      variant: 'default',
      model: 'qwen2.5-vl-7b',
      output: '<think>x</think>\\boxed{no}',
      extracted: 'no',
      letter: 'B',
      status: 'boxed',
      mode: 'paper',
      gold: 'B',
      correct: true,
      promptTokens: 120,
      completionTokens: 40,
      latencyMs: 812,
      truncated: false,
      tag: 'understanding',
      tagSource: 'gme',
      meta: { modality: 'CT', organ: 'HEAD' },
    });
    expect(r.meta).not.toBe(ITEM.meta); // a copy: later edits to the item do not leak into stored results
  });

  it('uses nulls and defaults when nothing is known', () => {
    const bare: Item = { ...ITEM, tag: undefined, tagSource: undefined };
    const r = toItemResult(bare, 'A', { model: 'm', mode: 'lenient' });
    expect(r).toMatchObject({
      mode: 'lenient',
      letter: 'A',
      status: 'bare',
      correct: false,
      promptTokens: null,
      completionTokens: null,
      latencyMs: null,
      truncated: false,
      tag: null,
      tagSource: null,
    });
    expect('error' in r).toBe(false);
  });

  it('records a failed generation as no_answer, wrong, with the error', () => {
    const error = { code: 'backend/timeout', message: 'the server did not answer in 60 s' };
    const r = toItemResult(ITEM, '\\boxed{B}', { model: 'm', error, truncated: true });
    expect(r).toMatchObject({
      status: 'no_answer',
      correct: false,
      letter: null,
      extracted: null,
      error,
      truncated: true,
    });
  });
});

describe('wilsonInterval', () => {
  // Published 95% Wilson score intervals (Newcombe 1998, Stat Med 17:857, Table I method 3; and 8/10).
  it.each([
    [8, 10, 0.4902, 0.9433],
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i → [%f, %f]', (k, n, lo, hi) => {
    const [l, h] = wilsonInterval(k, n);
    expect(l).toBeCloseTo(lo, 3);
    expect(h).toBeCloseTo(hi, 3);
  });

  it('is symmetric, inside [0, 1], and narrower with a smaller z', () => {
    const [a, b] = wilsonInterval(3, 10);
    const [c, d] = wilsonInterval(7, 10);
    expect(a).toBeCloseTo(1 - d, 12);
    expect(b).toBeCloseTo(1 - c, 12);
    expect(wilsonInterval(10, 10)[1]).toBe(1);
    const [nl, nh] = wilsonInterval(5, 10, 1);
    const [wl, wh] = wilsonInterval(5, 10);
    expect(nh - nl).toBeLessThan(wh - wl);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

function result(id: string, correct: boolean, extra: Partial<ItemResult> = {}): ItemResult {
  return {
    type: 'result',
    id,
    benchmark: 'slake',
    variant: 'default',
    model: 'm',
    output: '',
    extracted: null,
    letter: correct ? 'A' : null,
    status: correct ? 'boxed' : 'no_answer',
    mode: 'paper',
    gold: 'A',
    correct,
    promptTokens: null,
    completionTokens: null,
    latencyMs: null,
    truncated: false,
    tag: null,
    tagSource: null,
    ...extra,
  };
}

describe('summarize', () => {
  it('counts accuracy, statuses, parse failures and errors', () => {
    const rs = [
      result('1', true),
      result('2', true, { status: 'answer-line' }),
      result('3', false, { status: 'boxed', letter: 'B' }),
      result('4', false, { status: 'ambiguous' }),
      result('5', false, { status: 'truncated' }),
      result('6', false, { error: { code: 'backend/x', message: 'm' } }),
    ];
    const s = summarize(rs);
    expect(s.n).toBe(6);
    expect(s.correct).toBe(2);
    expect(s.accuracy).toBeCloseTo(2 / 6, 12);
    expect(s.interval).toEqual(wilsonInterval(2, 6));
    expect(s.statuses).toEqual({
      boxed: 2,
      tagged: 0,
      'answer-line': 1,
      bare: 0,
      no_answer: 1,
      ambiguous: 1,
      truncated: 1,
      unmatched: 0,
      missing: 0,
    });
    expect(s.parseFailureRate).toBeCloseTo(2 / 6, 12); // ambiguous + truncated; the errored item is an error
    expect(s.errors).toBe(1);
  });

  it('gives zeros for no results', () => {
    expect(summarize([])).toMatchObject({ n: 0, correct: 0, accuracy: 0, parseFailureRate: 0, errors: 0 });
  });
});

describe('grouped', () => {
  const rs = [
    result('1', true, { meta: { modality: 'CT' }, tag: 'reasoning' }),
    result('2', false, { meta: { modality: 'CT' }, tag: 'understanding' }),
    result('3', true, { meta: { modality: 'MRI' }, tag: 'reasoning' }),
    result('4', false, { meta: { modality: null } }),
    result('5', false, {}),
    result('6', true, { meta: { modality: 3 } }),
  ];

  it('summarises each key with the same summarize, dropping null keys', () => {
    const g = grouped(rs, groupByMeta('modality'));
    expect(Object.keys(g)).toEqual(['3', 'CT', 'MRI']);
    expect(g['CT']).toEqual(summarize([rs[0], rs[1]].filter((r) => r !== undefined)));
    expect(g['MRI']?.accuracy).toBe(1);
    expect(g['3']?.n).toBe(1);
  });

  it('groups by the understanding/reasoning tag, leaving untagged results out', () => {
    const g = grouped(rs, groupByTag);
    expect(Object.keys(g)).toEqual(['reasoning', 'understanding']);
    expect(g['reasoning']?.correct).toBe(2);
    expect(g['understanding']?.correct).toBe(0);
    expect(g['reasoning']?.n).toBe(2);
  });

  it('gives no groups for a field no result carries, and names the fields there are', () => {
    expect(grouped(rs, groupByMeta('organ'))).toEqual({});
    expect(metaFields(rs)).toEqual(['modality']);
    expect(metaFields([result('x', true, { meta: { organ: 'HEAD', modality: 'CT' } }), ...rs])).toEqual([
      'modality',
      'organ',
    ]);
    expect(metaFields([])).toEqual([]);
  });
});

/** Builds paired results: the four cells of the 2×2 table, plus unpaired extras. */
function paired(bothRight: number, onlyA: number, onlyB: number, bothWrong: number): [ItemResult[], ItemResult[]] {
  const a: ItemResult[] = [];
  const b: ItemResult[] = [];
  let i = 0;
  const add = (n: number, ca: boolean, cb: boolean): void => {
    for (let k = 0; k < n; k++, i++) {
      a.push(result(`q${i}`, ca));
      b.push(result(`q${i}`, cb));
    }
  };
  add(bothRight, true, true);
  add(onlyA, true, false);
  add(onlyB, false, true);
  add(bothWrong, false, false);
  return [a, b];
}

/** Standard normal upper tail by Simpson integration, independent of the implementation's erfc. */
function normalUpper(z: number): number {
  const steps = 20_000;
  const h = z / steps;
  const f = (x: number): number => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
  let s = f(0) + f(z);
  for (let k = 1; k < steps; k++) s += f(k * h) * (k % 2 === 1 ? 4 : 2);
  return 0.5 - (s * h) / 3;
}

describe('mcnemar', () => {
  it('uses the exact binomial test for few discordant pairs (hand-computed)', () => {
    // onlyA=10, onlyB=3: m=13, P = 2·(C(13,0)+C(13,1)+C(13,2)+C(13,3))/2^13 = 2·378/8192.
    const [a, b] = paired(50, 10, 3, 7);
    const r = mcnemar(a, b);
    expect(r).toMatchObject({ n: 70, onlyA: 10, onlyB: 3, exact: true, statistic: 3, unpaired: 0 });
    expect(r.pValue).toBeCloseTo((2 * 378) / 8192, 12);
  });

  it('gives p = 1 for no or balanced discordance', () => {
    expect(mcnemar(...paired(5, 0, 0, 5)).pValue).toBe(1);
    expect(mcnemar(...paired(5, 4, 4, 5)).pValue).toBe(1); // 2·P(X≤4 | m=8) > 1, capped
  });

  it('uses chi-square with continuity correction from 25 discordant pairs', () => {
    // onlyA=30, onlyB=10: X² = (|30−10|−1)²/40 = 9.025; p = 2·P(Z > √9.025).
    const r = mcnemar(...paired(100, 30, 10, 20));
    expect(r).toMatchObject({ n: 160, onlyA: 30, onlyB: 10, exact: false });
    expect(r.statistic).toBeCloseTo(9.025, 12);
    expect(r.pValue).toBeCloseTo(2 * normalUpper(Math.sqrt(9.025)), 6);
    // Boundary: 24 discordant pairs stay exact, 25 switch.
    expect(mcnemar(...paired(0, 12, 12, 0)).exact).toBe(true);
    expect(mcnemar(...paired(0, 13, 12, 0)).exact).toBe(false);
  });

  it('pairs by id, ignoring and counting items not in both', () => {
    const [a, b] = paired(3, 2, 1, 0);
    const rev = [...b].reverse();
    const r = mcnemar([...a, result('only-a', true)], [...rev, result('only-b1', false), result('only-b2', true)]);
    expect(r).toMatchObject({ n: 6, onlyA: 2, onlyB: 1, unpaired: 3 });
    // Swapping the models swaps the discordant counts and keeps p.
    const s = mcnemar(b, a);
    expect([s.onlyA, s.onlyB]).toEqual([1, 2]);
    expect(s.pValue).toBeCloseTo(mcnemar(a, b).pValue, 12);
  });
});
