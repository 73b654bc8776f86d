import { describe, expect, it } from 'vitest';
import type { ResultRun } from '../../../../src/core/results';
import { assembleTable, localServerAgreements } from '../../../../src/core/tables';
import type { ItemResult } from '../../../../src/core/types';
import { manifest, result } from '../results/make-results';

// Ten items answered by a q4 browser run and a bf16 server run of one model. Hand-counted:
// common answered items q0..q7 (q8 failed in the browser, q9 only on the server) = 8;
// same letter on q0..q5 = 6 (q6, q7 differ) → 75.0%; browser correct on q0..q3, q6 = 5; server correct on q0..q3, q7 = 5.
const letter = (id: string, l: string | null, gold = 'A', over: Partial<ItemResult> = {}): ItemResult =>
  result(id, { letter: l, extracted: l, correct: l === gold, status: l === null ? 'no_answer' : 'boxed', ...over });

const browser: ResultRun = {
  manifest: manifest({ backend: 'transformers', backendModel: 'onnx-community/Qwen2.5-VL-3B q4f16' }),
  results: [
    letter('q0', 'A'),
    letter('q1', 'A'),
    letter('q2', 'A'),
    letter('q3', 'A', 'A', { tag: 'reasoning', tagSource: 'gme' }),
    letter('q4', 'B'),
    letter('q5', null),
    letter('q6', 'A'),
    letter('q7', 'C'),
    letter('q8', null, 'A', { error: { code: 'backend/oom', message: 'x' } }),
  ],
};
const server: ResultRun = {
  manifest: manifest({ backend: 'openai' }),
  results: [
    letter('q0', 'A'),
    letter('q1', 'A'),
    letter('q2', 'A'),
    letter('q3', 'A', 'A', { tag: 'reasoning', tagSource: 'gme' }),
    letter('q4', 'B'),
    letter('q5', null),
    letter('q6', 'D'),
    letter('q7', 'A'),
    letter('q8', 'A'),
    letter('q9', 'A'),
  ],
};

describe('local vs server answer agreement', () => {
  it('counts the items both answered, the same letters and each side’s correct answers', () => {
    expect(localServerAgreements([browser, server])).toEqual([
      {
        model: 'qwen2.5-vl-3b',
        benchmark: 'vqa-rad',
        variant: 'default',
        localBackend: 'transformers',
        serverBackend: 'openai',
        nCommon: 8,
        sameAnswer: 6,
        localCorrect: 5,
        serverCorrect: 5,
      },
    ]);
  });

  it('puts the agreement in Table 1’s notes, and in Table 2’s only over the reasoning items', () => {
    const notes = assembleTable(1, [browser, server]).notes;
    expect(notes).toContain(
      'VQA-RAD · qwen2.5-vl-3b: the browser run (transformers) and the server run (openai) gave the same answer on ' +
        '75.0% of the 8 items both answered (accuracy there 62.5% browser vs 62.5% server); the cell merges both',
    );
    const t2 = assembleTable(2, [browser, server]).notes.filter((n) => n.includes('same answer'));
    expect(t2).toEqual([expect.stringContaining('100.0% of the 1 items both answered')]);
  });

  it('says nothing for two server runs, one side alone, or different models', () => {
    const other: ResultRun = { ...server, manifest: manifest({ backend: 'openai', model: 'lingshu-7b' }) };
    expect(localServerAgreements([server, { ...server, manifest: manifest({ backend: 'openai' }) }])).toEqual([]);
    expect(localServerAgreements([browser])).toEqual([]);
    expect(localServerAgreements([browser, other])).toEqual([]);
    expect(assembleTable(1, [browser, other]).notes.some((n) => n.includes('same answer'))).toBe(false);
  });
});
