// The paired comparison: 2×2 counts, agreement, the Wald interval of the difference and McNemar's p on both of its
// branches, checked against values worked out by hand (the arithmetic is in the comments).
import { describe, expect, it } from 'vitest';
import { comparePaired, pairedDiffInterval } from '../../../../src/core/score';
import type { ItemResult } from '../../../../src/core/types';

function result(id: string, correct: boolean, model: string): ItemResult {
  return {
    type: 'result',
    id,
    benchmark: 'vqa-rad',
    variant: 'yesno',
    model,
    output: '',
    extracted: null,
    letter: correct ? 'A' : 'B',
    status: 'boxed',
    mode: 'paper',
    gold: 'A',
    correct,
    promptTokens: null,
    completionTokens: null,
    latencyMs: null,
    truncated: false,
    tag: null,
    tagSource: null,
  };
}

/** Two runs over the same ids with the given 2×2 cells, ids numbered 1… in the order both, onlyA, onlyB, neither. */
function pairedRuns(both: number, onlyA: number, onlyB: number, neither: number): [ItemResult[], ItemResult[]] {
  const a: ItemResult[] = [];
  const b: ItemResult[] = [];
  let id = 0;
  const add = (n: number, ca: boolean, cb: boolean): void => {
    for (let i = 0; i < n; i++) {
      id++;
      a.push(result(String(id), ca, 'model-a'));
      b.push(result(String(id), cb, 'model-b'));
    }
  };
  add(both, true, true);
  add(onlyA, true, false);
  add(onlyB, false, true);
  add(neither, false, false);
  return [a, b];
}

describe('comparePaired', () => {
  it('counts the 2×2 table, agreement and the interval on a small fixed example', () => {
    // 10 items: 4 both correct, 3 only A, 1 only B, 2 both wrong.
    const [a, b] = pairedRuns(4, 3, 1, 2);
    const c = comparePaired(a, b);
    expect(c).toMatchObject({ nCommon: 10, aCorrect: 7, bCorrect: 5, bothCorrect: 4, onlyA: 3, onlyB: 1 });
    // agreement = (4 + 2) / 10
    expect(c.agreement).toBeCloseTo(0.6, 12);
    // d = (3 − 1)/10 = 0.2 = 0.7 − 0.5; se = sqrt(4 − 2²/10)/10 = sqrt(3.6)/10 = 0.1897366596;
    // half-width 1.959963985 · 0.1897366596 = 0.3718770194 → [−0.1718770194, 0.5718770194]
    expect(c.diff).toBeCloseTo(0.2, 12);
    expect(c.diffInterval[0]).toBeCloseTo(-0.1718770194, 9);
    expect(c.diffInterval[1]).toBeCloseTo(0.5718770194, 9);
    // 4 discordant pairs → exact: 2·P(X ≤ 1 | n = 4, ½) = 2·(1 + 4)/16 = 0.625
    expect(c.method).toBe('exact');
    expect(c.mcnemarP).toBeCloseTo(0.625, 12);
    expect(c.discordant).toEqual({ onlyA: ['5', '6', '7'], onlyB: ['8'] });
    expect(c.unpairedA).toBe(0);
    expect(c.unpairedB).toBe(0);
  });

  it('exact branch: b = 3, c = 9 → p = 2·P(X ≤ 3 | n = 12, ½) = 0.14599609375', () => {
    // P(X ≤ 3) = (C(12,0) + C(12,1) + C(12,2) + C(12,3)) / 2^12 = (1 + 12 + 66 + 220)/4096 = 299/4096; doubled 598/4096
    const c = comparePaired(...pairedRuns(5, 3, 9, 3));
    expect(c.method).toBe('exact');
    expect(c.mcnemarP).toBeCloseTo(0.14599609375, 12);
    // A − B = (3 − 9)/20 = −0.3
    expect(c.diff).toBeCloseTo(-0.3, 12);
  });

  it('exact branch up to 24 discordant pairs: b = 19, c = 5 → p = 0.006610751', () => {
    // 2·(1 + 24 + 276 + 2024 + 10626 + 42504)/2^24 = 110910/16777216 = 0.0066107512
    const c = comparePaired(...pairedRuns(0, 19, 5, 0));
    expect(c.method).toBe('exact');
    expect(c.mcnemarP).toBeCloseTo(0.0066107512, 9);
  });

  it('chi-square branch: b = 30, c = 12 → χ² = (|30 − 12| − 1)²/42 = 6.880952…, p ≈ 0.008712', () => {
    // 17²/42 = 289/42 = 6.8809524; P(χ²₁ > 6.8809524) = erfc(sqrt(6.8809524/2)) = 0.0087119 (scipy chi2.sf agrees)
    const c = comparePaired(...pairedRuns(50, 30, 12, 8));
    expect(c.method).toBe('chi2-cc');
    expect(c.mcnemarP).toBeCloseTo(0.0087119, 6);
    // d = 18/100 = 0.18; se = sqrt(42 − 18²/100)/100 = sqrt(38.76)/100 = 0.0622575; ±0.1220225 → [0.0579775, 0.3020225]
    expect(c.diffInterval[0]).toBeCloseTo(0.0579775, 6);
    expect(c.diffInterval[1]).toBeCloseTo(0.3020225, 6);
    expect(c.agreement).toBeCloseTo(0.58, 12);
  });

  it('chi-square from 25 discordant pairs: b = 20, c = 5 → χ² = 14²/25 = 7.84, p ≈ 0.005110', () => {
    const c = comparePaired(...pairedRuns(0, 20, 5, 0));
    expect(c.method).toBe('chi2-cc');
    expect(c.mcnemarP).toBeCloseTo(0.0051103, 6);
  });

  it('pairs by id, whatever the order, and counts the unpaired items of each side', () => {
    const a = [result('x1', true, 'a'), result('x2', false, 'a'), result('x3', true, 'a'), result('only-a', true, 'a')];
    const b = [
      result('only-b1', true, 'b'),
      result('x3', false, 'b'),
      result('x1', true, 'b'),
      result('only-b2', false, 'b'),
      result('x2', true, 'b'),
    ];
    const c = comparePaired(a, b);
    expect(c).toMatchObject({ nCommon: 3, aCorrect: 2, bCorrect: 2, bothCorrect: 1, onlyA: 1, onlyB: 1 });
    expect(c.unpairedA).toBe(1);
    expect(c.unpairedB).toBe(2);
    expect(c.discordant).toEqual({ onlyA: ['x3'], onlyB: ['x2'] });
  });

  it('lists discordant ids in natural order (item 9 before item 10)', () => {
    const ids = ['10', '9', '100', '2'];
    const c = comparePaired(
      ids.map((id) => result(id, true, 'a')),
      ids.map((id) => result(id, false, 'b')),
    );
    expect(c.discordant.onlyA).toEqual(['2', '9', '10', '100']);
  });

  it('same results on both sides: no difference, full agreement, p = 1', () => {
    const [a] = pairedRuns(3, 2, 0, 1);
    const c = comparePaired(a, a);
    expect(c).toMatchObject({ onlyA: 0, onlyB: 0, agreement: 1, diff: 0, mcnemarP: 1, method: 'exact' });
    expect(c.diffInterval).toEqual([0, 0]);
  });

  it('nothing in common: zeros and the no-information interval', () => {
    const c = comparePaired([result('a', true, 'a')], [result('b', true, 'b')]);
    expect(c).toMatchObject({ nCommon: 0, agreement: 0, diff: 0, diffInterval: [-1, 1], unpairedA: 1, unpairedB: 1 });
  });
});

describe('pairedDiffInterval', () => {
  it('is clamped to [−1, 1]', () => {
    // all 3 items only A: d = 1, se = sqrt(3 − 9/3)/3 = 0 → [1, 1]; 2 of 3 only A, 1 only B: d = 1/3,
    // se = sqrt(3 − 1/3)/3 = 0.5443311, ± 1.0668693 → [−0.7335359, 1.4002026] → upper clamped to 1
    expect(pairedDiffInterval(3, 0, 3)).toEqual([1, 1]);
    const [lo, hi] = pairedDiffInterval(2, 1, 3);
    expect(lo).toBeCloseTo(-0.7335359, 6);
    expect(hi).toBe(1);
  });
});
