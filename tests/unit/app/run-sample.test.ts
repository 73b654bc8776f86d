// Samples on the Run page: the plan carries the size and seed (checked when planned, kept when saved), the run
// draws each benchmark's items as the CLI does, and the manifest records the sample (so it never merges with a full
// run); a size that covers every item is a full run.
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../src/backends/scripted';
import { buildRunPlan, parseRunPlan } from '../../../src/app/lib/pure/run-plan';
import { sampleBenchmarks } from '../../../src/app/lib/pure/run-sample';
import { buildRunSpecs } from '../../../src/app/lib/pure/run-specs';
import { RunTracker } from '../../../src/app/lib/pure/run-tracker';
import { createMemoryStore } from '../../../src/storage/memory';
import { setupChoice } from './setup-choice';
import { diskBundled, sessionBenchmarks } from './state/fakes';

const remote = (over: Parameters<typeof setupChoice>[0]) =>
  buildRunPlan(setupChoice({ target: 'remote', ...over }), [], false);

describe('a sample on the Run page', () => {
  it('is planned from the size and seed, survives a save, and a bad size says what is wrong', () => {
    const plan = remote({ sampleSize: ' 5% ', sampleSeed: 7 });
    expect(plan.sample).toEqual({ size: '5%', seed: 7 });
    expect(parseRunPlan(JSON.parse(JSON.stringify(plan)))?.sample).toEqual({ size: '5%', seed: 7 });
    expect(remote({ sampleSize: '' }).sample).toBeUndefined();
    expect(() => remote({ sampleSize: 'lots' })).toThrow(/neither a count nor a percentage/);
  });

  it('draws each benchmark the same way for the same seed, and records it in the manifest', async () => {
    const loaded = await sessionBenchmarks(diskBundled(), ['vqa-rad', 'slake']);
    const plan = remote({ benchmarks: ['vqa-rad', 'slake'], sampleSize: '6', sampleSeed: 3 });
    const drawn = await sampleBenchmarks(loaded, plan.sample);
    expect(drawn.map((b) => b.loaded.items.length)).toEqual([6, 6]);
    const again = await sampleBenchmarks(loaded, plan.sample);
    expect(again.map((b) => b.loaded.items.map((i) => i.id))).toEqual(
      drawn.map((b) => b.loaded.items.map((i) => i.id)),
    );
    expect(drawn[0]?.sample).toMatchObject({ seed: 3, size: '6', n: 6, population: loaded[0]?.loaded.items.length });

    const { runs } = await buildRunSpecs({
      benchmarks: drawn,
      plan,
      created: {
        backend: createScriptedBackend({ script: () => 'x' }),
        kind: 'openai',
        runtime: () => null,
        concurrency: 1,
      },
      apiKey: '',
      openStore: () => createMemoryStore(),
      tracker: new RunTracker(
        drawn.map((b) => ({
          entry: b.id,
          benchmark: b.id,
          title: b.title,
          variant: b.loaded.report.variant,
          items: b.loaded.items,
        })),
      ),
      onChange: () => undefined,
      nextTask: async () => undefined,
    });
    expect(runs.map((r) => r.manifest.sample?.n)).toEqual([6, 6]);
    expect(runs.map((r) => r.items.length)).toEqual([6, 6]);
  });

  it('runs every item without a sample, or when the size covers them all (no sample recorded)', async () => {
    const loaded = await sessionBenchmarks(diskBundled(), ['vqa-rad']);
    expect(await sampleBenchmarks(loaded, undefined)).toEqual(loaded);
    const all = await sampleBenchmarks(loaded, { size: '100%', seed: 0 });
    expect(all[0]?.sample).toBeUndefined();
    expect(all[0]?.loaded.items).toHaveLength(loaded[0]?.loaded.items.length ?? -1);
  });
});

describe('a plan whose entries hold the same data', () => {
  it('is refused before anything runs: the two would be one run (one store), and the message says to untick one', async () => {
    const [rad] = await sessionBenchmarks(diskBundled(), ['vqa-rad']);
    if (rad === undefined) throw new Error('no demo slice');
    // the same files reached twice (e.g. the demo slice's folder also loaded from a URL): the same data hash
    const twice = [rad, { ...rad, title: 'VQA-RAD · loaded' }];
    const plan = remote({ benchmarks: ['vqa-rad', 'loaded:vqa-rad:yesno:url:https://x/y.zip'] });
    const opened: string[] = [];
    const specs = buildRunSpecs({
      benchmarks: twice,
      plan,
      created: {
        backend: createScriptedBackend({ script: () => 'x' }),
        kind: 'openai',
        runtime: () => null,
        concurrency: 1,
      },
      apiKey: '',
      openStore: (key) => (opened.push(key.data), createMemoryStore()),
      tracker: new RunTracker([]),
      onChange: () => undefined,
      nextTask: async () => undefined,
    });
    await expect(specs).rejects.toMatchObject({ code: 'config/run' });
    await expect(specs).rejects.toThrow(
      /hold the same data \(VQA-RAD and VQA-RAD · loaded: .*\): they would be one run\. Untick one/,
    );
    expect(opened).toHaveLength(1);
  });
});
