// A whole plan (several models × benchmarks) driven in Node: the scripted backend in place of workers and servers,
// memory stores and plan storage. Overlap is measured on the generations themselves: which models had one in flight
// at the same moment.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import type { Script } from '../../../../src/backends/scripted';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { EvalError } from '../../../../src/core/errors';
import { concurrencyOf } from '../../../../src/core/models/backend-kinds';
import { runIdentityText } from '../../../../src/core/run';
import type { GenerateRequest } from '../../../../src/core/types';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import type { KeyValueStore } from '../../../../src/app/lib/pure/key-value';
import { backendKindOf } from '../../../../src/app/lib/pure/plan-backend';
import type { PlanBackend } from '../../../../src/app/lib/pure/plan-backend';
import { loadedEntry } from '../../../../src/app/lib/pure/bench-entry';
import { planSetOf, planSetStoreOn } from '../../../../src/app/lib/pure/plan-set';
import { buildRunPlan } from '../../../../src/app/lib/pure/run-plan';
import type { RunPlan } from '../../../../src/app/lib/pure/run-plan';
import { makeUserModel } from '../../../../src/app/lib/pure/user-model';
import { createMemorySource } from '../../../../src/data/memory';
import type { Bundled } from '../../../../src/app/state/bundled.svelte';
import type { SessionBenchmark } from '../../../../src/app/state/run-session.svelte';
import { PlanSession } from '../../../../src/app/state/plan-session.svelte';
import { setupChoice } from '../setup-choice';
import { createMemoryRunsDb, diskBundled, instantHost, sessionBenchmarks } from './fakes';
import type { MemoryRunsDb } from './fakes';

const ANSWER = 'The film shows it. \\boxed{A}';

const remote = (servedName: string, benchmarks: string[]): RunPlan =>
  buildRunPlan(
    setupChoice({
      target: 'remote',
      remoteModel: '',
      benchmarks,
      remote: { endpoints: ['http://gpu:8000/v1'], servedName, concurrency: 2 },
    }),
    [],
    false,
  );
const local = (name: string, benchmarks: string[]): RunPlan => {
  const user = makeUserModel(`http://127.0.0.1:9000/models/${name}/`, 'fp32');
  return buildRunPlan(setupChoice({ browserModel: user.id, device: 'wasm', benchmarks }), [user], false);
};

interface Rig {
  session: PlanSession;
  db: MemoryRunsDb;
  kv: KeyValueStore;
  bundled: Bundled;
  log: string[];
  /** Generations per model. */
  calls: Map<string, number>;
  /** Pairs of models seen generating at the same moment ("a+b", sorted). */
  overlaps: Set<string>;
  /** What the stored-runs list was told is being written, call by call. */
  active: string[][];
}

function rig(
  opts: {
    script?: (model: string, n: number) => void;
    db?: MemoryRunsDb;
    kv?: KeyValueStore;
    benchmarks?: (bundled: Bundled, entries: readonly string[]) => Promise<SessionBenchmark[]>;
  } = {},
): Rig {
  const db = opts.db ?? createMemoryRunsDb();
  const kv = opts.kv ?? createMemoryKeyValue();
  const bundled = diskBundled();
  const log: string[] = [];
  const calls = new Map<string, number>();
  const overlaps = new Set<string>();
  const inFlight = new Map<string, number>();
  const active: string[][] = [];
  const session = new PlanSession({
    benchmarks: (ids) => (opts.benchmarks ?? sessionBenchmarks)(bundled, ids),
    backends: {
      async create(plan: RunPlan): Promise<PlanBackend> {
        const kind = backendKindOf(plan);
        const model = plan.modelLabel;
        const script: Script = () => {
          const n = (calls.get(model) ?? 0) + 1;
          calls.set(model, n);
          opts.script?.(model, n);
          return ANSWER;
        };
        const scripted = createScriptedBackend({ script, latencyMs: 3, streaming: true });
        log.push(`create ${model}`);
        return {
          backend: {
            ...scripted,
            async load(onProgress) {
              log.push(`load ${model}`);
              await scripted.load(onProgress);
            },
            async generate(request: GenerateRequest, onToken?: (piece: string) => void) {
              inFlight.set(model, (inFlight.get(model) ?? 0) + 1);
              for (const [other, n] of inFlight)
                if (other !== model && n > 0) overlaps.add([model, other].sort().join('+'));
              try {
                return await scripted.generate(request, onToken);
              } finally {
                inFlight.set(model, (inFlight.get(model) ?? 1) - 1);
              }
            },
            async dispose() {
              log.push(`dispose ${model}`);
              await scripted.dispose();
            },
          },
          kind,
          ...(plan.remote !== undefined ? { endpoints: plan.remote.endpoints } : {}),
          runtime: () => null,
          concurrency: concurrencyOf(kind, plan.remote?.concurrency ?? 1),
        };
      },
    },
    openStore: db.openStore,
    plans: planSetStoreOn(kv),
    host: instantHost,
    storedRuns: {
      setActive: (keys) => void active.push(keys.map((k) => `${k.model}|${k.benchmark}`).sort()),
      refresh: async () => undefined,
    },
  });
  return { session, db, kv, bundled, log, calls, overlaps, active };
}

const itemCount = async (r: Rig, id: string) => (await sessionBenchmarks(r.bundled, [id]))[0]?.loaded.items.length ?? 0;
const storedFor = (r: Rig, model: string, benchmark: string) =>
  r.db.keysOf(model, benchmark).flatMap((k) => [...(r.db.backings.get(runIdentityText(k))?.results.values() ?? [])]);

/** A "release" of VQA-RAD other than the demo slice (its first 12 records), as a loaded URL would give it. */
const RELEASE_URL = 'https://data.example/vqa-rad.zip';
const RELEASE_ENTRY = loadedEntry({ benchmark: 'vqa-rad', variant: 'yesno', origin: `url:${RELEASE_URL}` });
function releaseSource() {
  const dir = join(import.meta.dirname, '../../../../static-datasets/vqa-rad');
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (name === 'manifest.json') continue;
    try {
      files[name.split('\\').join('/')] = new Uint8Array(readFileSync(join(dir, name)));
    } catch {
      // a folder
    }
  }
  const json = 'VQA_RAD Dataset Public.json';
  const records = JSON.parse(new TextDecoder().decode(files[json])) as unknown[];
  files[json] = new TextEncoder().encode(JSON.stringify(records.slice(0, 12)));
  return createMemorySource(files, RELEASE_URL);
}
/** Bundled ids from the demo slices, the release entry from its own data (what bench-choices resolves in the page). */
async function withRelease(bundled: Bundled, entries: readonly string[]): Promise<SessionBenchmark[]> {
  const out: SessionBenchmark[] = [];
  for (const e of entries) {
    if (e !== RELEASE_ENTRY) {
      out.push(...(await sessionBenchmarks(bundled, [e])));
      continue;
    }
    const source = releaseSource();
    out.push({
      id: 'vqa-rad',
      title: 'VQA-RAD · loaded',
      source,
      loaded: await loadBenchmark(source, 'vqa-rad', 'yesno'),
    });
  }
  return out;
}

describe('PlanSession', () => {
  it('runs the demo slice and a loaded release of one benchmark in one plan: two runs, each stored in full', async () => {
    const r = rig({ benchmarks: withRelease });
    const plan = remote('model-a', ['vqa-rad', RELEASE_ENTRY]);
    const demoItems = await itemCount(r, 'vqa-rad');
    const releaseItems = (await withRelease(r.bundled, [RELEASE_ENTRY]))[0]?.loaded.items.length ?? 0;
    expect([demoItems, releaseItems]).toEqual([21, 10]);
    await r.session.start(planSetOf([plan]), '');
    expect(r.session.phase).toBe('completed');
    // two stores of model-a × vqa-rad × yesno, told apart by their data; each holds its own dataset's items
    const keys = r.db.keysOf('model-a', 'vqa-rad');
    expect(keys).toHaveLength(2);
    expect(new Set(keys.map((k) => k.variant))).toEqual(new Set(['yesno']));
    expect(new Set(keys.map((k) => k.data)).size).toBe(2);
    expect(keys.map((k) => r.db.results(k).length).sort((a, b) => a - b)).toEqual([releaseItems, demoItems]);
    // the run panel follows both runs apart (the ids overlap: the release is the slice's first records)
    const views = r.session.parts[0]?.session.benches ?? [];
    expect(views.map((v) => [v.entry, v.title, v.total])).toEqual([
      ['vqa-rad', 'VQA-RAD', demoItems],
      [RELEASE_ENTRY, 'VQA-RAD · loaded', releaseItems],
    ]);
    for (const v of views) expect(v.items.filter((i) => i.status === 'pending' || i.status === 'running')).toEqual([]);
    expect(r.active).toContainEqual(['model-a|vqa-rad', 'model-a|vqa-rad']);

    // run again: both resume from their own stores, nothing is asked of the model
    const before = r.calls.get('model-a') ?? 0;
    await r.session.start(planSetOf([plan]), '');
    expect(r.session.phase).toBe('completed');
    expect(r.calls.get('model-a') ?? 0).toBe(before);
    const progress = r.session.parts[0]?.session.progress;
    expect(progress?.total).toBe(demoItems + releaseItems);
    expect(progress?.resumed).toBe(progress?.done);
    expect(progress?.done).toBeGreaterThan(releaseItems);
  });

  it('a sample after a full run of the same model × benchmark lands beside it, not refused', async () => {
    const r = rig();
    await r.session.start(planSetOf([remote('model-a', ['slake'])]), '');
    const sampled = { ...remote('model-a', ['slake']), sample: { size: '5', seed: 1 } };
    await r.session.start(planSetOf([sampled]), '');
    expect(r.session.phase).toBe('completed');
    expect(r.session.parts[0]?.session.error).toBeNull();
    const keys = r.db.keysOf('model-a', 'slake');
    expect(keys.map((k) => [k.sample.startsWith('sample n=5 seed 1'), r.db.results(k).length]).sort()).toEqual([
      [false, await itemCount(r, 'slake')],
      [true, 5],
    ]);
  });

  it('runs two server models × two benchmarks in parallel: four runs stored in full, the plan cleared', async () => {
    const r = rig();
    const set = planSetOf([remote('model-a', ['vqa-rad', 'slake']), remote('model-b', ['vqa-rad', 'slake'])]);
    await r.session.start(set, '');
    expect(r.session.phase).toBe('completed');
    expect(r.session.parts.map((p) => p.session.phase)).toEqual(['completed', 'completed']);
    for (const model of ['model-a', 'model-b'])
      for (const b of ['vqa-rad', 'slake']) expect(storedFor(r, model, b)).toHaveLength(await itemCount(r, b));
    expect(r.overlaps).toContain('model-a+model-b');
    // the stored-runs list hears of every run being written at once, and of none at the end
    expect(r.active).toContainEqual(['model-a|slake', 'model-a|vqa-rad', 'model-b|slake', 'model-b|vqa-rad']);
    expect(r.active.at(-1)).toEqual([]);
    expect(r.session.set?.done).toEqual([0, 1]);
    expect(r.kv.read('medvlm-bench:active-plan:v2')).toBeUndefined();
  });

  it('runs in-browser models one after another (the first disposed before the next loads), a server one alongside', async () => {
    const r = rig();
    const a = local('tiny-a', ['vqa-rad']);
    const b = local('tiny-b', ['vqa-rad']);
    const s = remote('served', ['vqa-rad']);
    await r.session.start(planSetOf([a, s, b]), '');
    expect(r.session.phase).toBe('completed');
    expect(r.overlaps.has([a.modelLabel, b.modelLabel].sort().join('+'))).toBe(false);
    expect(r.overlaps.has([a.modelLabel, 'served'].sort().join('+'))).toBe(true);
    const order = r.log.filter((l) => l.includes('tiny'));
    expect(order).toEqual([
      `create ${a.modelLabel}`,
      `load ${a.modelLabel}`,
      `dispose ${a.modelLabel}`,
      `create ${b.modelLabel}`,
      `load ${b.modelLabel}`,
    ]);
    // the last in-browser model stays loaded for the next run
    expect(r.session.keptModel).toBe(b.modelLabel);
    await r.session.unloadModel();
    expect(r.log.at(-1)).toBe(`dispose ${b.modelLabel}`);
  });

  it('resumes a whole unfinished plan after a reload: completed parts skipped, stored items skipped', async () => {
    const kv = createMemoryKeyValue();
    const db = createMemoryRunsDb();
    const a = local('tiny-a', ['vqa-rad']);
    const b = local('tiny-b', ['vqa-rad']);
    let before: PlanSession | null = null;
    const first = rig({ kv, db, script: (model, n) => model === b.modelLabel && n === 3 && before?.cancel() });
    before = first.session;
    const set = planSetOf([a, b]);
    await first.session.start(set, '');
    expect(first.session.phase).toBe('cancelled');
    const doneBefore = storedFor(first, b.modelId, 'vqa-rad').filter((x) => x.error === undefined).length;
    expect(doneBefore).toBeGreaterThan(0);

    // a reloaded tab: a new session over the same storage
    const after = rig({ kv, db });
    expect(after.session.unfinished).toEqual({ ...set, done: [0] });
    const unfinished = after.session.unfinished;
    if (unfinished === null) throw new Error('no unfinished plan');
    await after.session.start(unfinished, '');
    expect(after.session.phase).toBe('completed');
    expect(after.log.filter((l) => l.startsWith('create'))).toEqual([`create ${b.modelLabel}`]);
    expect(after.session.parts[0]?.session.progress?.resumed).toBe(doneBefore);
    const total = await itemCount(after, 'vqa-rad');
    expect(storedFor(after, b.modelId, 'vqa-rad')).toHaveLength(total);
    const runnable = (await sessionBenchmarks(after.bundled, ['vqa-rad']))[0]?.loaded.items.filter((i) =>
      i.images.every((img) => img.present),
    ).length;
    expect((after.calls.get(b.modelLabel) ?? 0) + doneBefore).toBe(runnable);
    expect(kv.read('medvlm-bench:active-plan:v2')).toBeUndefined();
  });

  it('cancel stops every part, running or waiting, and keeps the plan to resume', async () => {
    let session: PlanSession | null = null;
    const r = rig({ script: (model, n) => model === 'model-a' && n === 2 && session?.cancel() });
    session = r.session;
    const a = local('tiny-a', ['vqa-rad']);
    const b = local('tiny-b', ['vqa-rad']);
    await r.session.start(planSetOf([remote('model-a', ['vqa-rad']), remote('model-b', ['vqa-rad']), a, b]), '');
    expect(r.session.phase).toBe('cancelled');
    const phases = r.session.parts.map((p) => p.session.phase);
    expect(phases.filter((p) => p === 'completed')).toEqual([]);
    // the second in-browser model never started
    expect(r.log).not.toContain(`create ${b.modelLabel}`);
    expect(r.session.parts.at(-1)?.session.phase).toBe('idle');
    expect(r.session.unfinished).toBeNull();
    expect(planSetStoreOn(r.kv).load()?.done).toEqual([]);
  });

  it('a part that fails leaves the others running to completion; the plan stays unfinished for a retry', async () => {
    const r = rig({
      script: (model) => {
        if (model === 'refused') throw new EvalError('backend/auth', 'the server refused the key');
      },
    });
    await r.session.start(planSetOf([remote('refused', ['vqa-rad']), remote('fine', ['vqa-rad'])]), '');
    expect(r.session.phase).toBe('failed');
    expect(r.session.parts.map((p) => p.session.phase)).toEqual(['failed', 'completed']);
    expect(r.session.parts[0]?.session.error).toContain('refused');
    expect(planSetStoreOn(r.kv).load()?.done).toEqual([1]);
  });

  it('pause holds every part and resume finishes them', async () => {
    let session: PlanSession | null = null;
    let paused = false;
    const r = rig({
      script: (_model, n) => {
        if (n === 2 && !paused && session !== null) {
          paused = true;
          session.pause();
          setTimeout(() => session?.resume(), 30);
        }
      },
    });
    session = r.session;
    await r.session.start(planSetOf([remote('model-a', ['vqa-rad']), remote('model-b', ['vqa-rad'])]), '');
    expect(paused).toBe(true);
    expect(r.session.phase).toBe('completed');
  });
});
