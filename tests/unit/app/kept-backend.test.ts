// The Run page keeps the last in-browser model loaded for the next run of the same model, and only that one.
import { describe, expect, it } from 'vitest';
import type { PlanBackend } from '../../../src/app/lib/pure/plan-backend';
import { KeptBackend, keepKeyOf } from '../../../src/app/lib/pure/kept-backend';
import { buildRunPlan } from '../../../src/app/lib/pure/run-plan';
import type { SetupChoice } from '../../../src/app/lib/pure/run-plan';
import { makeUserModel } from '../../../src/app/lib/pure/user-model';
import { setupChoice } from './setup-choice';

function fakeBackend(name: string, disposed: string[]): PlanBackend {
  return {
    kind: 'transformers',
    concurrency: 1,
    runtime: () => null,
    backend: {
      capabilities: { device: 'wasm', maxConcurrency: 1, supportsStreaming: true, supportsImages: true },
      load: async () => undefined,
      generate: async () => {
        throw new Error('not used');
      },
      interrupt: async () => undefined,
      dispose: async () => {
        disposed.push(name);
      },
    } as unknown as PlanBackend['backend'],
  };
}

const choice = (over: Partial<SetupChoice>): SetupChoice => setupChoice({ device: 'wasm', maxNewTokens: 64, ...over });

describe('keepKeyOf', () => {
  const tiny = makeUserModel('http://127.0.0.1:9000/models/tiny-vl/', 'fp32');
  const other = makeUserModel('http://127.0.0.1:9000/models/other-vl/', 'fp32');
  it('matches runs of the same local model, device and weights, whatever the benchmarks or generation settings', () => {
    const a = keepKeyOf(buildRunPlan(choice({ browserModel: tiny.id }), [tiny, other], false));
    const b = keepKeyOf(
      buildRunPlan(choice({ browserModel: tiny.id, benchmarks: ['slake'], maxNewTokens: 8 }), [tiny, other], false),
    );
    expect(a).not.toBeNull();
    expect(b).toBe(a);
    expect(keepKeyOf(buildRunPlan(choice({ browserModel: tiny.id, device: 'webgpu' }), [tiny, other], false))).not.toBe(
      a,
    );
    expect(keepKeyOf(buildRunPlan(choice({ browserModel: other.id }), [tiny, other], false))).not.toBe(a);
  });
  it('keeps nothing for a remote server', () => {
    expect(keepKeyOf(buildRunPlan(choice({ target: 'remote' }), [], false))).toBeNull();
  });
});

describe('KeptBackend', () => {
  it('hands the kept backend to a run with the same key, once', async () => {
    const disposed: string[] = [];
    const kept = new KeptBackend();
    const a = fakeBackend('a', disposed);
    await kept.keep('k1', 'Model A', a);
    expect(kept.label).toBe('Model A');
    expect(await kept.take('k1')).toBe(a);
    expect(kept.label).toBeNull();
    expect(await kept.take('k1')).toBeNull();
    expect(disposed).toEqual([]);
  });

  it('disposes a kept backend when another model is asked for, and when unloaded', async () => {
    const disposed: string[] = [];
    const kept = new KeptBackend();
    await kept.keep('k1', 'Model A', fakeBackend('a', disposed));
    expect(await kept.take('k2')).toBeNull();
    expect(disposed).toEqual(['a']);
    await kept.keep('k2', 'Model B', fakeBackend('b', disposed));
    await kept.release();
    expect(disposed).toEqual(['a', 'b']);
    expect(kept.label).toBeNull();
  });

  it('never holds two models: keeping one disposes the other; an unkeepable one is disposed at once', async () => {
    const disposed: string[] = [];
    const kept = new KeptBackend();
    await kept.keep('k1', 'Model A', fakeBackend('a', disposed));
    await kept.keep('k2', 'Model B', fakeBackend('b', disposed));
    expect(disposed).toEqual(['a']);
    await kept.keep(null, 'Remote', fakeBackend('c', disposed));
    expect(disposed).toEqual(['a', 'b', 'c']);
    expect(kept.label).toBeNull();
  });
});
