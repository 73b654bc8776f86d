// The whole remote path under fire: run engine → openai backend → real HTTP test server with injected faults →
// fs store. Every item must end with exactly one result, none lost or doubled, and the accuracy the scripts imply.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIBackend } from '../../../../src/backends/openai';
import { parseResultsJsonl } from '../../../../src/core/results';
import { runEvaluation } from '../../../../src/core/run';
import { summarize } from '../../../../src/core/score';
import { createFsStore } from '../../../../src/storage/fs';
import type { Fault, OpenAITestServer } from '../../../support/openai-test-server';
import { startOpenAITestServer } from '../../../support/openai-test-server';
import { idOf, makeItems, makeManifest, scriptedLetter } from './fixtures';

const items = makeItems(120);
const byId = new Map(items.map((i) => [i.id, i]));
const PERMANENT = 'q77';
const index = (key: string): number => Number(key.slice(1));

/** First attempts fail in six ways; every fifth item fails its second attempt too; one item can never succeed. */
function faultFor(key: string, attempt: number): Fault | undefined {
  const i = index(key);
  if (key === PERMANENT)
    return {
      kind: 'status',
      status: 400,
      body: "This model's maximum context length is 4096 tokens. However, you requested 9000 tokens.",
    };
  if (attempt > 2 || (attempt === 2 && i % 5 !== 0)) return undefined;
  switch (i % 7) {
    case 0:
      return i < 20 ? { kind: 'status', status: 429, retryAfter: '1' } : { kind: 'status', status: 429 };
    case 1:
      return { kind: 'status', status: 500 };
    case 2:
      return { kind: 'status', status: 503 };
    case 3:
      return { kind: 'reset-mid-body' };
    case 4:
      return { kind: 'stall', ms: 3_000 };
    case 5:
      // a malformed 200 is retried once only: the second failure of every fifth item is a 502 instead
      return attempt === 1 ? { kind: 'malformed-json' } : { kind: 'status', status: 502 };
    default:
      return attempt === 1 && i % 2 === 0 ? { kind: 'reset' } : undefined;
  }
}

describe('remote run with injected faults', () => {
  let server: OpenAITestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startOpenAITestServer({
      keyOf: idOf,
      latencyMs: 5,
      fault: (r) => faultFor(r.key, r.attempt),
      respond: (r) => {
        const item = byId.get(r.key);
        return item === undefined ? 'no idea' : `Reasoning about ${r.key}. \\boxed{${scriptedLetter(item)}}`;
      },
    });
    dir = await mkdtemp(join(tmpdir(), 'medvlm-faults-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('ends with one result per item, each generated once, and the scripted accuracy', async () => {
    const out = join(dir, 'results.jsonl');
    const backend = createOpenAIBackend({
      model: 'test-model',
      endpoints: [{ url: server.url, maxInFlight: 16 }],
      // Well above a healthy answer's time even on a loaded 2-core machine (a slow healthy answer would be retried
      // and answered twice), well below the stall.
      timeoutMs: 1_500,
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 },
    });
    const store = createFsStore(out);
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest({ backend: 'openai', backendModel: 'test-model' }), items, store }] },
      { concurrency: 16 },
    );
    await store.close();

    expect(outcome.status).toBe('completed');
    expect(outcome.failures.map((f) => f.id)).toEqual([PERMANENT]);
    expect(outcome.failures[0]?.code).toBe('backend/context-too-long');
    expect(outcome.failures[0]?.message).toContain('maximum context length is 4096');
    expect(outcome.progress).toMatchObject({ total: 120, done: 119, failed: 1 });

    // the file: one manifest, then exactly one line per item
    const text = await readFile(out, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; id?: string });
    const resultIds = lines.filter((l) => l.type === 'result').map((l) => l.id);
    expect(lines.filter((l) => l.type === 'manifest')).toHaveLength(1);
    expect(resultIds).toHaveLength(120);
    expect(new Set(resultIds).size).toBe(120);

    // the server: every item that can succeed got exactly one complete answer, and the faults really happened
    for (const item of items) {
      expect(server.answered.get(item.id) ?? 0, item.id).toBe(item.id === PERMANENT ? 0 : 1);
      const expectedRequests =
        item.id === PERMANENT ? 1 : 1 + (faultFor(item.id, 1) ? 1 : 0) + (faultFor(item.id, 2) ? 1 : 0);
      expect(server.requests.get(item.id), item.id).toBe(expectedRequests);
    }

    // accuracy: what the scripted letters imply, the permanently failed item counting as wrong
    const parsed = parseResultsJsonl(text, out);
    expect(parsed.problems).toEqual([]);
    const summary = summarize(parsed.runs[0]?.results ?? []);
    const expectedCorrect = items.filter((i) => i.id !== PERMANENT && scriptedLetter(i) === i.answer).length;
    expect(summary.n).toBe(120);
    expect(summary.correct).toBe(expectedCorrect);
    expect(summary.accuracy).toBeCloseTo(expectedCorrect / 120, 12);
    expect(summary.errors).toBe(1);
  });
});
