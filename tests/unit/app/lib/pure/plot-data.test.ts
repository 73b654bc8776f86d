import { describe, expect, it } from 'vitest';
import {
  accuracyBars,
  reasoningPoints,
  scalingPoints,
  statusBreakdown,
} from '../../../../../src/app/lib/pure/plot-data';
import { findModel } from '../../../../../src/core/models/registry';
import type { ResultRun } from '../../../../../src/core/results';
import { PAPER_TABLES } from '../../../../../src/core/tables';
import { manifest, result, syntheticRun } from '../../../core/results/make-results';

const runs: ResultRun[] = [
  syntheticRun('qwen2.5-vl-7b', 'vqa-rad', 200, 1, { pCorrect: 0.6 }),
  syntheticRun('lingshu-7b', 'vqa-rad', 200, 2, { pCorrect: 0.7 }),
];

describe('plot data', () => {
  it('scaling: one point per paper value and per measured cell, at the registry parameter count', () => {
    const pts = scalingPoints(runs);
    const measured = pts.filter((p) => p.source === 'measured');
    expect(measured.map((p) => [p.model, p.benchmark, p.paramsB, p.group])).toEqual([
      ['qwen2.5-vl-7b', 'VQA-RAD', 7, 'general'],
      ['lingshu-7b', 'VQA-RAD', 7, 'medical'],
    ]);
    const lingshu = measured[1];
    expect(lingshu?.accuracy).toBeCloseTo((runs[1]?.results.filter((r) => r.correct).length ?? 0) / 200, 12);
    const paperVqa = pts.filter((p) => p.source === 'paper' && p.benchmark === 'VQA-RAD');
    expect(paperVqa).toHaveLength(PAPER_TABLES[1].filter((r) => findModel(r.model) !== undefined).length);
  });

  it('reasoning vs understanding: means over benchmarks both tables have', () => {
    const qwen = reasoningPoints(runs).find((p) => p.model === 'qwen2.5-vl-7b' && p.source === 'measured');
    const res = runs[0]?.results ?? [];
    const acc = (tag: string): number => {
      const sel = res.filter((r) => r.tag === tag);
      return sel.filter((r) => r.correct).length / sel.length;
    };
    expect(qwen?.benchmarks).toBe(1);
    expect(qwen?.reasoning).toBeCloseTo(acc('reasoning'), 12);
    expect(qwen?.understanding).toBeCloseTo(acc('understanding'), 12);
  });

  it('bars carry the Wilson interval around each measured accuracy', () => {
    const bars = accuracyBars(runs);
    expect(bars).toHaveLength(2);
    for (const b of bars) {
      expect(b.low).toBeLessThan(b.accuracy);
      expect(b.high).toBeGreaterThan(b.accuracy);
      expect(b.n).toBe(200);
    }
  });

  it('status breakdown counts statuses in catalogue order, failed generations as error', () => {
    const run: ResultRun = {
      manifest: manifest(),
      results: [
        result('a'),
        result('b'),
        result('c', { status: 'no_answer', letter: null, correct: false }),
        result('d', { correct: false, error: { code: 'backend/oom', message: 'x' } }),
      ],
    };
    expect(statusBreakdown(run)).toEqual([
      { status: 'boxed', count: 2, share: 0.5 },
      { status: 'no_answer', count: 1, share: 0.25 },
      { status: 'error', count: 1, share: 0.25 },
    ]);
  });
});
