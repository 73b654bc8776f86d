// A server that reports 1e308 completion tokens: the stored result says "unknown" (null) and the run's tokens/s
// stays a finite number — never "Infinity tok/s".
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import { runEvaluation } from '../../../../src/core/run';
import type { RunProgress } from '../../../../src/core/run';
import { createMemoryBacking, createMemoryStore } from '../../../../src/storage/memory';
import { makeItems, makeManifest } from './fixtures';

describe('implausible usage from a backend', () => {
  it('stores null tokens and keeps the rates finite', async () => {
    const items = makeItems(6);
    const backend = createScriptedBackend({
      script: () => ({ text: '\\boxed{A}', completionTokens: 1e308, promptTokens: 12 }),
      latencyMs: 1,
    });
    const backing = createMemoryBacking();
    const events: RunProgress[] = [];
    await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 2, onProgress: (p) => events.push(p) },
    );
    expect(backing.results.size).toBe(6);
    for (const r of backing.results.values()) expect([r.completionTokens, r.promptTokens]).toEqual([null, 12]);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) {
      expect(Number.isFinite(e.outputTokensPerS)).toBe(true);
      expect(e.outputTokensPerS).toBe(0);
    }
  });
});
