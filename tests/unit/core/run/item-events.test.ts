// The engine names each generation by its item (benchmark, id): a host follows items without reading prompts.
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import { EvalError } from '../../../../src/core/errors';
import { runEvaluation } from '../../../../src/core/run';
import type { ItemHooks, ItemRef } from '../../../../src/core/run';
import { createMemoryStore } from '../../../../src/storage/memory';
import { idOf, makeItems, makeManifest } from './fixtures';

const name = (r: ItemRef): string => `${r.benchmark}/${r.id}`;

describe('run engine item events', () => {
  it('reports start and end of every generation by benchmark and id, and streams only the items asked for', async () => {
    // the same question text in two benchmarks: only the ids tell them apart
    const rad = makeItems(3, 'q', 'vqa-rad');
    const slake = makeItems(2, 'q', 'slake');
    const backend = createScriptedBackend({ script: () => 'It is \\boxed{A}.', streaming: true });
    const log: string[] = [];
    const pieces = new Map<string, string>();
    const hooks: ItemHooks = {
      started: (r) => (log.push(`start ${name(r)}`), r.id === 'q1'),
      token: (r, piece) => pieces.set(name(r), (pieces.get(name(r)) ?? '') + piece),
      ended: (r) => void log.push(`end ${name(r)}`),
    };
    const outcome = await runEvaluation(
      {
        backend,
        runs: [
          { manifest: makeManifest(), items: rad, store: createMemoryStore() },
          { manifest: makeManifest({ benchmark: 'slake' }), items: slake, store: createMemoryStore() },
        ],
      },
      { concurrency: 1, onItem: hooks },
    );
    expect(outcome.progress.done).toBe(5);
    expect(log).toEqual(
      ['vqa-rad/q0', 'vqa-rad/q1', 'vqa-rad/q2', 'slake/q0', 'slake/q1'].flatMap((n) => [`start ${n}`, `end ${n}`]),
    );
    expect(pieces).toEqual(
      new Map([
        ['vqa-rad/q1', 'It is \\boxed{A}.'],
        ['slake/q1', 'It is \\boxed{A}.'],
      ]),
    );
  });

  it('ends a generation that fails, and reports nothing for an item whose image is missing', async () => {
    const items = makeItems(3);
    const missing = items[2];
    if (missing === undefined) throw new Error('fixture');
    missing.images = [{ path: 'img/2.png', present: false }];
    const backend = createScriptedBackend({
      script: (call) => {
        if (idOf(call.promptText) === 'q1') throw new EvalError('backend/server-error', 'boom');
        return '\\boxed{A}';
      },
    });
    const log: string[] = [];
    const outcome = await runEvaluation(
      { backend, runs: [{ manifest: makeManifest(), items, store: createMemoryStore() }] },
      {
        concurrency: 1,
        onItem: { started: (r) => (log.push(`start ${r.id}`), false), ended: (r) => void log.push(`end ${r.id}`) },
      },
    );
    expect(outcome.failures.map((f) => f.id)).toEqual(['q1', 'q2']);
    expect(log).toEqual(['start q0', 'end q0', 'start q1', 'end q1']);
  });
});
