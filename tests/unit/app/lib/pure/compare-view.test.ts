import { describe, expect, it } from 'vitest';
import type { ResultRun } from '../../../../../src/core/results';
import { buildCompareView } from '../../../../../src/app/lib/pure/compare-view';
import { runChoices } from '../../../../../src/app/lib/pure/run-choices';
import { inspectHref } from '../../../../../src/app/lib/pure/run-ref';
import { Inspector } from '../../../../../src/app/state/inspect.svelte';
import { manifest, result } from '../../../core/results/make-results';

const run = (model: string, backend: string, correct: Record<string, boolean>): ResultRun => ({
  manifest: manifest({ model, backend }),
  results: Object.entries(correct).map(([id, c]) => result(id, { model, correct: c })),
});

describe('run choices and the compare view', () => {
  const a = run('qwen2.5-vl-3b', 'openai', { q1: true, q2: true, q3: false, q4: false, q5: true });
  const b = run('lingshu-7b', 'openai', { q1: true, q2: false, q3: true, q4: false, q6: true });
  const dupe = run('lingshu-7b', 'openai', { q1: false });

  it('keys every stored and imported run, numbering a repeated key', () => {
    const keys = runChoices([a], [b, dupe]).map((c) => c.key);
    expect(keys).toEqual([
      'stored:qwen2.5-vl-3b|vqa-rad|default|sha256-data|all',
      'imported:lingshu-7b|vqa-rad|default|sha256-data|all',
      'imported:lingshu-7b|vqa-rad|default|sha256-data|all#2',
    ]);
    expect(inspectHref(keys[0] ?? '', 'q 1')).toBe(
      '#/inspect?run=stored%3Aqwen2.5-vl-3b%7Cvqa-rad%7Cdefault%7Csha256-data%7Call&item=q+1',
    );
  });

  it('pairs on common items and lists the discordant ones with both answers and inspector links', () => {
    const [ca, cb] = runChoices([a], [b]);
    if (ca === undefined || cb === undefined) throw new Error('two choices expected');
    const v = buildCompareView(ca, cb);
    // Common q1..q4: both right q1; only A q2; only B q3; both wrong q4.
    expect(v.stats).toMatchObject({ nCommon: 4, bothCorrect: 1, onlyA: 1, onlyB: 1, agreement: 0.5, method: 'exact' });
    expect(v.stats.mcnemarP).toBe(1);
    expect(v.methodText).toContain('exact two-sided binomial test (2 discordant pairs');
    expect(v.rows).toEqual([
      {
        id: 'q2',
        winner: 'a',
        gold: 'A',
        a: 'A',
        b: 'B',
        hrefA: inspectHref(ca.key, 'q2'),
        hrefB: inspectHref(cb.key, 'q2'),
      },
      {
        id: 'q3',
        winner: 'b',
        gold: 'A',
        a: 'B',
        b: 'A',
        hrefA: inspectHref(ca.key, 'q3'),
        hrefB: inspectHref(cb.key, 'q3'),
      },
    ]);
    expect(v.differentBenchmarks).toBe(false);
  });

  it('links a discordant item to the inspector, which opens that run (not its twin on other data) at that item', async () => {
    // The same model, benchmark and variant stored twice: on the demo slice and on the full release.
    const full = run('qwen2.5-vl-3b', 'openai', { q2: true, q3: false, q7: true });
    const fullRun: ResultRun = { ...full, manifest: { ...full.manifest, dataHash: 'f'.repeat(64) } };
    const [, cFull, cb] = runChoices([a, fullRun], [b]);
    if (cFull === undefined || cb === undefined) throw new Error('three choices expected');
    expect(cFull.key).toBe('stored:qwen2.5-vl-3b|vqa-rad|default|ffffffff|all');
    const row = buildCompareView(cFull, cb).rows.find((r) => r.id === 'q2');
    if (row === undefined) throw new Error('q2 is discordant: right in the full run, wrong in b');
    const params = new URLSearchParams(row.hrefA.split('?')[1]);
    const inspector = new Inspector({
      stored: { runs: [a, fullRun], loaded: true },
      imported: { runs: [b] },
      choices: { list: [], itemsOf: () => null, sourceOf: () => null },
      host: { yieldToHost: async () => {}, now: () => 0 },
    });
    const opened = inspector.find(params.get('run'));
    expect(opened?.run).toBe(fullRun);
    await inspector.show(opened);
    const at = inspector.rowOf(params.get('item'));
    expect(inspector.index?.results[at]).toMatchObject({ id: 'q2', correct: true });
    expect(inspector.find(new URLSearchParams(row.hrefB.split('?')[1]).get('run'))?.run).toBe(b);
  });
});
