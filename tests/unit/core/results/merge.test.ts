import { describe, expect, it } from 'vitest';
import { mergeRuns, mergeRunsReport } from '../../../../src/core/results';
import type { ResultRun } from '../../../../src/core/results';
import { manifest, result } from './make-results';

const failed = { error: { code: 'backend/timeout', message: 'timed out' }, correct: false, output: '' };

describe('mergeRuns', () => {
  it('merges runs of the same model/benchmark/variant by item id, keeping first-seen order', () => {
    const a: ResultRun = {
      manifest: manifest({ backend: 'webllm', createdAt: '2025-01-02T00:00:00.000Z' }),
      results: [result('1'), result('2')],
    };
    const b: ResultRun = {
      manifest: manifest({
        backend: 'openai',
        createdAt: '2025-01-01T00:00:00.000Z',
        updatedAt: '2025-01-03T00:00:00.000Z',
      }),
      results: [result('3'), result('2', { output: 'later' })],
    };
    const merged = mergeRuns([a, b]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.results.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(merged[0]?.results[1]?.output).toBe('later');
    expect(merged[0]?.manifest.backend).toBe('webllm+openai');
    expect(merged[0]?.manifest.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(merged[0]?.manifest.updatedAt).toBe('2025-01-03T00:00:00.000Z');
  });

  it('prefers a successful result over a failed one, in either order', () => {
    const ok = result('1', { output: 'ok' });
    const bad = result('1', failed);
    const first = mergeRuns([
      { manifest: manifest(), results: [ok] },
      { manifest: manifest(), results: [bad] },
    ]);
    const second = mergeRuns([
      { manifest: manifest(), results: [bad] },
      { manifest: manifest(), results: [ok] },
    ]);
    expect(first[0]?.results).toEqual([ok]);
    expect(second[0]?.results).toEqual([ok]);
  });

  it('lets the later failed result replace an earlier failed one', () => {
    const bad1 = result('1', { ...failed, error: { code: 'backend/a', message: 'first' } });
    const bad2 = result('1', { ...failed, error: { code: 'backend/b', message: 'second' } });
    const merged = mergeRuns([
      { manifest: manifest(), results: [bad1] },
      { manifest: manifest(), results: [bad2] },
    ]);
    expect(merged[0]?.results[0]?.error?.message).toBe('second');
  });

  it('keeps different models, benchmarks and variants apart without conflict', () => {
    const runs: ResultRun[] = [
      { manifest: manifest(), results: [result('1')] },
      { manifest: manifest({ model: 'lingshu-7b' }), results: [result('1', { model: 'lingshu-7b' })] },
      { manifest: manifest({ variant: 'closed' }), results: [result('1', { variant: 'closed' })] },
      { manifest: manifest({ benchmark: 'slake' }), results: [result('1', { benchmark: 'slake' })] },
    ];
    const report = mergeRunsReport(runs);
    expect(report.runs).toHaveLength(4);
    expect(report.conflicts).toEqual([]);
  });

  it.each(['benchmarkVersion', 'promptVersion', 'extractorVersion', 'dataHash'] as const)(
    'keeps runs that disagree on %s apart and reports the conflict',
    (field) => {
      const a: ResultRun = { manifest: manifest(), results: [result('1')] };
      const b: ResultRun = {
        manifest: manifest({ [field]: 'other' }),
        results: [result('1', { output: 'b' }), result('2')],
      };
      const c: ResultRun = { manifest: manifest(), results: [result('3')] };
      const report = mergeRunsReport([a, b, c]);
      expect(report.runs).toHaveLength(2);
      expect(report.runs[0]?.results.map((r) => r.id)).toEqual(['1', '3']);
      expect(report.runs[1]?.results.map((r) => r.output)).toEqual(['b', result('2').output]);
      expect(report.conflicts).toHaveLength(1);
      expect(report.conflicts[0]).toContain(field);
      expect(report.conflicts[0]).toContain('qwen2.5-vl-3b / vqa-rad / default');
    },
  );

  it('notes differing generation settings and item sets but still merges', () => {
    const a: ResultRun = { manifest: manifest({ itemIdsHash: 'h1' }), results: [result('1')] };
    const b: ResultRun = {
      manifest: manifest({ itemIdsHash: 'h2', generation: { maxNewTokens: 512, temperature: 0 } }),
      results: [result('2')],
    };
    const report = mergeRunsReport([a, b]);
    expect(report.runs).toHaveLength(1);
    expect(report.conflicts).toEqual([]);
    expect(report.notes).toHaveLength(2);
    expect(report.runs[0]?.manifest.itemIdsHash).toBe('unknown');
  });

  it('is idempotent and leaves a single run untouched', () => {
    const a: ResultRun = { manifest: manifest(), results: [result('1'), result('2')] };
    const once = mergeRuns([a, { manifest: manifest(), results: [result('3')] }]);
    expect(mergeRuns(once)).toEqual(once);
    expect(mergeRuns([a])).toEqual([a]);
  });
});
