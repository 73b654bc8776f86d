import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import { EvalError } from '../../../../src/core/errors';
import type { ResultStore } from '../../../../src/core/ports';
import { createRunControl, runEvaluation } from '../../../../src/core/run';
import type { RunProgress } from '../../../../src/core/run';
import type { Item } from '../../../../src/core/types';
import { createMemorySource } from '../../../../src/data/memory';
import { createMemoryBacking, createMemoryStore } from '../../../../src/storage/memory';
import { idOf, makeItems, makeManifest, PNG_1PX, scriptedLetter } from './fixtures';

const byItemId = (items: Item[]) => new Map(items.map((i) => [i.id, i]));

function scriptFor(items: Item[]) {
  const table = byItemId(items);
  return ({ promptText }: { promptText: string }) => {
    const item = table.get(idOf(promptText));
    if (item === undefined) throw new Error(`no item for prompt ${promptText}`);
    return `Looking at the image … the answer is \\boxed{${scriptedLetter(item)}}.`;
  };
}

describe('run engine', () => {
  it('evaluates every item once, stores each result, and scores what the outputs imply', async () => {
    const items = makeItems(30);
    const backend = createScriptedBackend({ script: scriptFor(items), latencyMs: 2 });
    const backing = createMemoryBacking();
    const events: RunProgress[] = [];
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 4, onProgress: (p) => events.push(p) },
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.failures).toEqual([]);
    expect(backing.results.size).toBe(30);
    const callsPerItem = new Map([...backend.calls.entries()].map(([prompt, n]) => [idOf(prompt), n]));
    expect(callsPerItem).toEqual(new Map(items.map((i) => [i.id, 1])));
    const expectedCorrect = items.filter((i) => scriptedLetter(i) === i.answer).length;
    expect([...backing.results.values()].filter((r) => r.correct)).toHaveLength(expectedCorrect);
    const last = events.at(-1);
    expect(last).toMatchObject({
      state: 'completed',
      total: 30,
      done: 30,
      failed: 0,
      resumed: 0,
      inFlight: 0,
      etaS: 0,
    });
    expect(last?.outputTokens).toBeGreaterThan(0);
    const doneSeq = events.map((e) => e.done);
    expect(doneSeq).toEqual([...doneSeq].sort((a, b) => a - b));
  });

  it('keeps at most `concurrency` items in flight, and uses all of it', async () => {
    const items = makeItems(40);
    const backend = createScriptedBackend({ script: scriptFor(items), latencyMs: 5 });
    let peakSeen = 0;
    await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore() }] },
      { concurrency: 7, onProgress: (p) => (peakSeen = Math.max(peakSeen, p.inFlight)) },
    );
    expect(backend.inFlight().peak).toBe(7);
    expect(peakSeen).toBeLessThanOrEqual(7);
  });

  it('stores per-item failures as data with the reason, and keeps going', async () => {
    const items = makeItems(10);
    items[3] = { ...(items[3] as Item), images: [{ path: 'img/gone.png', present: false }] };
    const script = scriptFor(items);
    const backend = createScriptedBackend({
      script: (call) => {
        if (idOf(call.promptText) === 'q5')
          throw new EvalError('backend/context-too-long', 'maximum context length is 4096 tokens');
        return script(call);
      },
    });
    const backing = createMemoryBacking();
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 3 },
    );
    expect(outcome.status).toBe('completed');
    expect(outcome.failures.map((f) => [f.id, f.code]).sort()).toEqual([
      ['q3', 'dataset/missing-image'],
      ['q5', 'backend/context-too-long'],
    ]);
    expect(backing.results.get('q5')?.error?.message).toContain('maximum context length');
    expect(backing.results.get('q3')?.error?.message).toContain('img/gone.png');
    expect(backing.results.get('q5')?.correct).toBe(false);
    expect([...backend.calls.keys()].some((k) => idOf(k) === 'q3')).toBe(false);
    expect(outcome.progress).toMatchObject({ done: 8, failed: 2, total: 10 });
  });

  it('reads file-backed images through the dataset source', async () => {
    const items = makeItems(3).map((i) => ({ ...i, images: [{ path: `imgs/${i.id}.png`, present: true }] }));
    const source = createMemorySource(Object.fromEntries(items.map((i) => [`imgs/${i.id}.png`, PNG_1PX])));
    const seen: number[] = [];
    const backend = createScriptedBackend({
      script: (call) => {
        for (const m of call.request.messages)
          for (const p of m.content) if (p.type === 'image') seen.push(p.image.bytes?.length ?? -1);
        return '\\boxed{A}';
      },
    });
    await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(), source }] },
      { concurrency: 2 },
    );
    expect(seen).toEqual([PNG_1PX.length, PNG_1PX.length, PNG_1PX.length]);
  });

  it('yields to the host before each item, and between reading its images and sending it to the model', async () => {
    const items = makeItems(3).map((i) => ({ ...i, images: [{ path: `imgs/${i.id}.png`, present: true }] }));
    const files = createMemorySource(Object.fromEntries(items.map((i) => [`imgs/${i.id}.png`, PNG_1PX])));
    const log: string[] = [];
    const source = {
      ...files,
      readBytes: async (path: string) => (log.push(`read ${path.slice(5, -4)}`), files.readBytes(path)),
    };
    const backend = createScriptedBackend({
      script: (call) => (log.push(`generate ${idOf(call.promptText)}`), '\\boxed{A}'),
    });
    const store = createMemoryStore();
    const logged: ResultStore = { ...store, put: async (r) => (log.push(`put ${r.id}`), store.put(r)) };
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: logged, source }] },
      { concurrency: 1, yieldToHost: async () => void log.push('yield') },
    );
    expect(outcome.progress.done).toBe(3);
    expect(log).toEqual(items.flatMap((i) => ['yield', `read ${i.id}`, 'yield', `generate ${i.id}`, `put ${i.id}`]));
  });

  it('counts an item in flight from when it is taken until its result is stored, so 0 in flight means all saved', async () => {
    const items = makeItems(4);
    const backend = createScriptedBackend({ script: () => '\\boxed{A}' });
    const store = createMemoryStore();
    const slowStore: ResultStore = {
      ...store,
      put: async (r) => (await new Promise((res) => setTimeout(res, 15)), store.put(r)),
    };
    const events: RunProgress[] = [];
    const stored = new Set<string>();
    const tracked: ResultStore = { ...slowStore, put: async (r) => (await slowStore.put(r), void stored.add(r.id)) };
    await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: tracked }] },
      {
        concurrency: 1,
        yieldToHost: async () => undefined,
        onProgress: (p) => events.push({ ...p, done: stored.size }),
      },
    );
    const running = events.slice(1, -1);
    expect(running.length).toBeGreaterThan(0);
    for (const e of running) if (e.inFlight === 0) expect(e.done).toBe(items.length);
    expect(events.some((e) => e.inFlight === 1 && e.done === 0)).toBe(true);
  });

  it('drops an item cancelled while it yielded, before it reaches the model', async () => {
    const items = makeItems(2);
    const backend = createScriptedBackend({ script: () => '\\boxed{A}' });
    const control = createRunControl();
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore() }] },
      { concurrency: 1, control, yieldToHost: async () => control.cancel() },
    );
    expect(outcome.status).toBe('cancelled');
    expect(backend.calls.size).toBe(0);
  });

  it('resumes: skips items with a result, retries failed ones, generates each remaining item once', async () => {
    const items = makeItems(12);
    const backing = createMemoryBacking();
    const failing = new Set(['q2', 'q7']);
    const first = createScriptedBackend({
      script: (call) => {
        if (failing.has(idOf(call.promptText))) throw new EvalError('backend/server-error', 'gave up after 6 attempts');
        return scriptFor(items)(call);
      },
    });
    const firstItems = items.slice(0, 8);
    const one = await runEvaluation(
      { backend: first, runs: [{ manifest: makeManifest(), items: firstItems, store: createMemoryStore(backing) }] },
      { concurrency: 3 },
    );
    expect(one.failures).toHaveLength(2);
    const second = createScriptedBackend({ script: scriptFor(items) });
    const two = await runEvaluation(
      { backend: second, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 3 },
    );
    const generated = [...second.calls.keys()].map(idOf).sort();
    expect(generated).toEqual(['q10', 'q11', 'q2', 'q7', 'q8', 'q9']);
    expect([...second.calls.values()].every((n) => n === 1)).toBe(true);
    expect(two.progress).toMatchObject({ total: 12, done: 12, resumed: 6, failed: 0 });
    expect(backing.results.size).toBe(12);
    expect([...backing.results.values()].filter((r) => r.error !== undefined)).toEqual([]);
  });

  it('pauses (in-flight items finish, none start), resumes, and finishes', async () => {
    const items = makeItems(20);
    const backend = createScriptedBackend({ script: scriptFor(items), latencyMs: 10 });
    const control = createRunControl();
    const backing = createMemoryBacking();
    let pausedAt = -1;
    const run = runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      {
        concurrency: 2,
        control,
        onProgress: (p) => {
          if (p.done === 4 && pausedAt < 0) {
            control.pause();
            pausedAt = p.done;
          }
        },
      },
    );
    await new Promise((r) => setTimeout(r, 80));
    const callsWhilePaused = [...backend.calls.values()].reduce((a, b) => a + b, 0);
    expect(backing.results.size).toBeLessThanOrEqual(4 + 2); // the paused-at 4 plus at most `concurrency` in flight
    await new Promise((r) => setTimeout(r, 50));
    expect([...backend.calls.values()].reduce((a, b) => a + b, 0)).toBe(callsWhilePaused);
    control.resume();
    const outcome = await run;
    expect(outcome.status).toBe('completed');
    expect(backing.results.size).toBe(20);
  });

  it('cancels: in-flight items are aborted and not stored; a rerun does exactly the rest', async () => {
    const items = makeItems(30);
    const backend = createScriptedBackend({ script: scriptFor(items), latencyMs: 15 });
    const backing = createMemoryBacking();
    const control = createRunControl();
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      {
        concurrency: 4,
        control,
        onProgress: (p) => p.done >= 10 && control.cancel(),
      },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.progress.state).toBe('cancelled');
    const stored = new Set(backing.results.keys());
    expect(stored.size).toBe(outcome.progress.done);
    expect(stored.size).toBeLessThan(30);
    const rerun = createScriptedBackend({ script: scriptFor(items) });
    await runEvaluation(
      { backend: rerun, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 4 },
    );
    const redone = [...rerun.calls.keys()].map(idOf).sort();
    expect(redone).toEqual(
      items
        .map((i) => i.id)
        .filter((id) => !stored.has(id))
        .sort(),
    );
    expect(backing.results.size).toBe(30);
  });

  it('stops the whole run on a fatal error (bad key) and on a store that cannot write', async () => {
    const items = makeItems(10);
    const auth = createScriptedBackend({
      script: () => {
        throw new EvalError('backend/auth', 'refused the API key');
      },
    });
    await expect(
      runEvaluation(
        { backend: auth, runs: [{ manifest: makeManifest(), items, store: createMemoryStore() }] },
        { concurrency: 2 },
      ),
    ).rejects.toMatchObject({ code: 'backend/auth' });
    const inner = createMemoryStore();
    let puts = 0;
    const flaky: ResultStore = {
      ...inner,
      open: (m) => inner.open(m),
      put: async (r) => {
        if (++puts > 3) throw new Error('ENOSPC: no space left on device');
        await inner.put(r);
      },
    };
    const ok = createScriptedBackend({ script: scriptFor(items), latencyMs: 1 });
    await expect(
      runEvaluation({ backend: ok, runs: [{ manifest: makeManifest(), items, store: flaky }] }, { concurrency: 2 }),
    ).rejects.toMatchObject({ code: 'store/write' });
    await expect(
      runEvaluation(
        { backend: ok, runs: [{ manifest: makeManifest(), items, store: createMemoryStore() }] },
        { concurrency: 0 },
      ),
    ).rejects.toMatchObject({ code: 'config/concurrency' });
  });

  it('runs a plan of several benchmarks through one queue, each into its own store', async () => {
    const rad = makeItems(6, 'r', 'vqa-rad');
    const slake = makeItems(5, 's', 'slake').map((i) => ({ ...i, variant: 'en' }));
    const backend = createScriptedBackend({ script: scriptFor([...rad, ...slake]), latencyMs: 1 });
    const a = createMemoryBacking();
    const b = createMemoryBacking();
    const outcome = await runEvaluation(
      {
        backend,
        runs: [
          { manifest: makeManifest(), items: rad, store: createMemoryStore(a) },
          { manifest: makeManifest({ benchmark: 'slake', variant: 'en' }), items: slake, store: createMemoryStore(b) },
        ],
      },
      { concurrency: 3 },
    );
    expect(outcome.progress.total).toBe(11);
    expect([...a.results.keys()].sort()).toEqual(rad.map((i) => i.id).sort());
    expect([...b.results.values()].every((r) => r.benchmark === 'slake' && r.variant === 'en')).toBe(true);
    expect(b.results.size).toBe(5);
  });

  it('records truncation, tokens and latency from the backend', async () => {
    const items = makeItems(2);
    const backend = createScriptedBackend({
      script: () => ({
        text: 'thinking and thinking \\boxed{',
        finishReason: 'length',
        completionTokens: 256,
        promptTokens: 99,
      }),
    });
    const backing = createMemoryBacking();
    await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore(backing) }] },
      { concurrency: 1 },
    );
    const r = backing.results.get('q0');
    expect(r).toMatchObject({
      truncated: true,
      completionTokens: 256,
      promptTokens: 99,
      status: 'truncated',
      correct: false,
    });
    expect(r?.latencyMs).toBeGreaterThanOrEqual(0);
  });
});
