import { describe, expect, it } from 'vitest';
import { modelFromFileName, scorePredictions } from '../../../../../src/app/lib/pure/score-predictions';
import type { Item } from '../../../../../src/core/types';

const item = (id: string, answer: string): Item =>
  ({
    id,
    benchmark: 'vqa-rad',
    variant: 'yesno',
    question: 'Is there a fracture?',
    options: [
      { letter: 'A', text: 'yes' },
      { letter: 'B', text: 'no' },
    ],
    answer,
    images: [],
    meta: {},
  }) as unknown as Item;

describe('scorePredictions', () => {
  const target = {
    benchmark: 'vqa-rad' as const,
    benchmarkVersion: '1',
    variant: 'yesno',
    items: [item('1', 'A'), item('2', 'B'), item('3', 'A')],
    dataHash: 'sha256:d',
    itemIdsHash: 'sha256:i',
  };

  it('scores each predicted item with the paper extraction, counts missing and unknown ids', () => {
    const s = scorePredictions(
      [
        { id: '1', output: 'so \\boxed{A}' },
        { id: '2', output: '\\boxed{A}' },
        { id: '99', output: '\\boxed{B}' },
      ],
      target,
      'my-model',
      '2026-12-06T00:00:00.000Z',
    );
    expect(s.run.results.map((r) => [r.id, r.letter, r.status, r.correct])).toEqual([
      ['1', 'A', 'boxed', true],
      ['2', 'A', 'boxed', false],
    ]);
    expect([s.missing, s.unknown]).toEqual([1, 1]);
    expect(s.run.manifest).toMatchObject({
      backend: 'import',
      model: 'my-model',
      variant: 'yesno',
      dataHash: 'sha256:d',
    });
  });

  it('names the model after the file', () => {
    expect(modelFromFileName('runs/gpt-x.jsonl')).toBe('gpt-x');
  });
});
