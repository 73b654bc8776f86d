// The Run page's session driven whole in Node: the bundled demo slices from disk, the scripted backend in place of
// a worker or a server, in-memory result stores and plan storage, immediate timers.
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import type { Script, ScriptedBackend } from '../../../../src/backends/scripted';
import { EvalError } from '../../../../src/core/errors';
import { concurrencyOf } from '../../../../src/core/models/backend-kinds';
import type { LoadProgress } from '../../../../src/core/ports';
import { runIdentityText } from '../../../../src/core/run';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import { backendKindOf } from '../../../../src/app/lib/pure/plan-backend';
import type { PlanBackend } from '../../../../src/app/lib/pure/plan-backend';
import type { RunKey } from '../../../../src/app/lib/pure/ports';
import { buildRunPlan, planStoreOn } from '../../../../src/app/lib/pure/run-plan';
import type { PlanStore, RunPlan } from '../../../../src/app/lib/pure/run-plan';
import { makeUserModel } from '../../../../src/app/lib/pure/user-model';
import type { Bundled } from '../../../../src/app/state/bundled.svelte';
import { RunSession } from '../../../../src/app/state/run-session.svelte';
import { StoredRuns } from '../../../../src/app/state/stored-runs.svelte';
import { setupChoice } from '../setup-choice';
import { createMemoryRunsDb, diskBundled, instantHost, sessionBenchmarks } from './fakes';
import type { MemoryRunsDb } from './fakes';

const ANSWER = 'The film shows it. \\boxed{A}';
const tiny = makeUserModel('http://127.0.0.1:9000/models/tiny-vl/', 'fp32');

const remotePlan = (benchmarks: string[], concurrency = 4): RunPlan =>
  buildRunPlan(
    setupChoice({
      target: 'remote',
      benchmarks,
      remote: { endpoints: ['http://gpu:8000/v1'], servedName: 'm', concurrency },
    }),
    [],
    false,
  );
const browserPlan = (benchmarks: string[], user = tiny): RunPlan =>
  buildRunPlan(setupChoice({ browserModel: user.id, device: 'wasm', benchmarks }), [user], false);

interface Rig {
  session: RunSession;
  db: MemoryRunsDb;
  plans: PlanStore;
  storedRuns: StoredRuns;
  bundled: Bundled;
  /** Backends created so far, and the events they saw. */
  created: ScriptedBackend[];
  log: string[];
  active: RunKey[][];
}

interface RigOptions {
  script?: Script;
  latencyMs?: number;
  failLoad?: EvalError;
  db?: MemoryRunsDb;
  plans?: PlanStore;
  bundled?: Bundled;
  /** Called with the session once it exists (scripts that pause or cancel it). */
  onSession?: (s: RunSession) => void;
}

function rig(options: RigOptions = {}): Rig {
  const db = options.db ?? createMemoryRunsDb();
  const plans = options.plans ?? planStoreOn(createMemoryKeyValue());
  const bundled = options.bundled ?? diskBundled();
  const created: ScriptedBackend[] = [];
  const log: string[] = [];
  const active: RunKey[][] = [];
  const storedRuns = new StoredRuns({
    catalogue: () => db.catalogue,
    nextTask: instantHost.nextTask,
    download: () => undefined,
  });
  const session = new RunSession({
    benchmarks: (ids) => sessionBenchmarks(bundled, ids),
    backends: {
      async create(plan: RunPlan): Promise<PlanBackend> {
        const kind = backendKindOf(plan);
        const scripted = createScriptedBackend({
          script: options.script ?? (() => ANSWER),
          latencyMs: options.latencyMs ?? 1,
          streaming: true,
        });
        created.push(scripted);
        const name = `backend ${created.length}`;
        log.push(`create ${name} (${session.phase})`);
        const backend = {
          ...scripted,
          async load(onProgress?: (p: LoadProgress) => void) {
            log.push(`load ${name} (${session.phase})`);
            onProgress?.({
              phase: 'download',
              loadedBytes: 10,
              totalBytes: 40,
              filesDone: 1,
              filesTotal: 4,
              file: 'a',
            });
            onProgress?.({ phase: 'download', loadedBytes: 40, filesDone: 4, message: 'all files' });
            if (options.failLoad !== undefined) throw options.failLoad;
            await scripted.load(onProgress);
          },
          async dispose() {
            log.push(`dispose ${name}`);
            await scripted.dispose();
          },
        };
        const runtime = { device: 'wasm', dtype: 'fp32', reason: 'scripted', fellBack: false };
        return {
          backend,
          kind,
          ...(plan.remote !== undefined ? { endpoints: plan.remote.endpoints } : {}),
          runtime: () => (plan.target === 'browser' ? runtime : null),
          concurrency: concurrencyOf(kind, plan.remote?.concurrency ?? 1),
        };
      },
    },
    openStore: db.openStore,
    plans,
    host: instantHost,
    storedRuns: {
      setActive: (keys) => {
        active.push(keys);
        storedRuns.setActive(keys);
      },
      refresh: () => storedRuns.refresh(),
    },
    onModelLoaded: () => void log.push('model loaded'),
  });
  options.onSession?.(session);
  return { session, db, plans, storedRuns, bundled, created, log, active };
}

const itemCount = async (r: Rig, ids: string[]) =>
  (await sessionBenchmarks(r.bundled, ids)).reduce((n, b) => n + b.loaded.items.length, 0);
/** Items a model is asked about: those with every image present (the others fail before generation). */
const runnable = async (r: Rig, ids: string[]) =>
  (await sessionBenchmarks(r.bundled, ids)).flatMap((b) =>
    b.loaded.items.filter((i) => i.images.every((img) => img.present)).map((i) => `${b.id}/${i.id}`),
  );
/** The key of the one run of this plan's model on a benchmark, checked to be of the variant the session ran. */
const keyOf = (r: Rig, plan: RunPlan, benchmark: string, variant: string): RunKey => {
  const key = r.db.onlyKey(plan.modelId, benchmark);
  expect(key.variant).toBe(variant);
  return key;
};

describe('RunSession', () => {
  it('runs a plan to completion: items followed by id, output streamed, results stored (key scrubbed), plan cleared', async () => {
    const secret = 'sk-test-secret-1234';
    const r = rig({ script: () => `${secret} ${ANSWER}` });
    const plan = remotePlan(['vqa-rad', 'slake']);
    await r.session.start(plan, secret);

    const { session } = r;
    expect(session.error).toBeNull();
    expect(session.phase).toBe('completed');
    expect(r.log.slice(0, 2)).toEqual(['create backend 1 (preparing)', 'load backend 1 (loading-model)']);
    const total = await itemCount(r, ['vqa-rad', 'slake']);
    const asked = await runnable(r, ['vqa-rad', 'slake']);
    expect(session.progress).toMatchObject({ state: 'completed', total, done: asked.length });
    expect(session.outcome?.failures.map((f) => f.code)).toEqual(
      Array.from({ length: total - asked.length }, () => 'dataset/missing-image'),
    );
    // every item has its status, none is left running
    const statuses = session.benches.flatMap((b) => b.items.map((i) => i.status));
    expect(statuses).toHaveLength(total);
    expect(statuses.filter((s) => s === 'pending' || s === 'running')).toEqual([]);
    // the streamed output is the last watched item's, named by its id
    const watched = session.watched;
    expect(watched?.done).toBe(true);
    expect(asked).toContain(`${watched?.benchmark}/${watched?.id}`);
    expect(watched?.text).toBe(`${secret} ${ANSWER}`);
    // stored, with the key scrubbed; the stored-runs list shows both runs and nothing active
    const variantOf = (id: string) => session.benches.find((b) => b.benchmark === id)?.variant ?? '';
    const rad = r.db.backings.get(runIdentityText(keyOf(r, plan, 'vqa-rad', variantOf('vqa-rad'))));
    expect(rad?.results.size).toBe(session.benches[0]?.total);
    expect([...(rad?.results.values() ?? [])].some((x) => x.output.includes(secret))).toBe(false);
    expect(rad?.manifest).toMatchObject({ backend: 'openai', backendModel: 'm', endpoints: ['http://gpu:8000/v1'] });
    expect(r.active.map((keys) => keys.length)).toEqual([2, 0]);
    await r.storedRuns.refresh();
    expect(r.storedRuns.list.map((v) => `${v.key.benchmark}:${v.results}`).sort()).toEqual(
      session.benches.map((b) => `${b.benchmark}:${b.total}`).sort(),
    );
    expect(r.plans.load()).toBeNull();
    expect(session.unfinished).toBeNull();
    // a server backend is never kept
    expect(session.keptModel).toBeNull();
    expect(r.log.at(-1)).toBe('dispose backend 1');
  });

  it('folds download progress from its numbers', async () => {
    const r = rig();
    await r.session.start(browserPlan(['vqa-rad']), '');
    // each event carries only what changed: the total bytes of the first stay, the files of the second, then ready
    expect(r.session.load).toMatchObject({
      phase: 'ready',
      loadedBytes: 40,
      totalBytes: 40,
      filesDone: 4,
      filesSeen: 4,
      file: 'a',
    });
  });

  it('cancels: stops mid-run without an error, keeps the plan to resume, leaves nothing running', async () => {
    let session: RunSession | null = null;
    let calls = 0;
    const r = rig({
      latencyMs: 5,
      onSession: (s) => (session = s),
      script: () => {
        calls += 1;
        if (calls === 3) session?.cancel();
        return ANSWER;
      },
    });
    const plan = remotePlan(['vqa-rad'], 2);
    await r.session.start(plan, '');
    expect(r.session.phase).toBe('cancelled');
    expect(r.session.error).toBeNull();
    expect(r.session.outcome?.status).toBe('cancelled');
    const stored = r.db.results(keyOf(r, plan, 'vqa-rad', r.session.benches[0]?.variant ?? ''));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(await itemCount(r, ['vqa-rad']));
    expect(r.session.benches[0]?.items.filter((i) => i.status === 'running')).toEqual([]);
    expect(r.plans.load()).toEqual(plan);
    expect(r.db.open.size).toBe(0);
  });

  it('pauses (nothing new starts) and resumes to completion', async () => {
    let session: RunSession | null = null;
    let calls = 0;
    let callsWhenResumed = -1;
    const r = rig({
      onSession: (s) => (session = s),
      script: () => {
        calls += 1;
        if (calls === 2) {
          session?.pause();
          setTimeout(() => {
            callsWhenResumed = calls;
            expect(session?.control).toBe('paused');
            session?.resume();
          }, 60);
        }
        return ANSWER;
      },
    });
    await r.session.start(remotePlan(['vqa-rad'], 1), '');
    expect(r.session.phase).toBe('completed');
    // concurrency 1: the generation that paused the run was the last to start until the resume
    expect(callsWhenResumed).toBe(2);
    expect(calls).toBe((await runnable(r, ['vqa-rad'])).length);
  });

  it('fails on a fatal backend error with its code and without the key, and disposes the backend', async () => {
    const secret = 'sk-live-abcdef';
    const r = rig({
      script: () => {
        throw new EvalError('backend/auth', `The server refused key ${secret}: check it.`);
      },
    });
    await r.session.start(browserPlan(['vqa-rad']), secret);
    expect(r.session.phase).toBe('failed');
    expect(r.session.error).toContain('[backend/auth]');
    expect(r.session.error).not.toContain(secret);
    expect(r.session.keptModel).toBeNull();
    expect(r.log.at(-1)).toBe('dispose backend 1');
    expect(r.active.at(-1)).toEqual([]);
  });

  it('fails when the model cannot load, and when a benchmark is unknown', async () => {
    const r = rig({ failLoad: new EvalError('backend/load-failed', 'The weights are missing.') });
    await r.session.start(browserPlan(['vqa-rad']), '');
    expect(r.session).toMatchObject({ phase: 'failed', error: 'The weights are missing. [backend/load-failed]' });
    expect(r.log).toEqual(['create backend 1 (preparing)', 'load backend 1 (loading-model)', 'dispose backend 1']);

    const other = rig();
    await other.session.start(browserPlan(['no-such-bench']), '');
    expect(other.session).toMatchObject({ phase: 'failed', error: 'No bundled benchmark "no-such-bench".' });
    expect(other.created).toEqual([]);
  });

  it('resumes an unfinished plan found at startup: only the rest is generated', async () => {
    const kv = createMemoryKeyValue();
    const db = createMemoryRunsDb();
    const bundled = diskBundled();
    let first: RunSession | null = null;
    let calls = 0;
    const before = rig({
      db,
      bundled,
      plans: planStoreOn(kv),
      onSession: (s) => (first = s),
      script: () => {
        calls += 1;
        if (calls === 4) first?.cancel();
        return ANSWER;
      },
    });
    const plan = remotePlan(['vqa-rad'], 1);
    await before.session.start(plan, '');
    expect(before.session.phase).toBe('cancelled');
    const key = keyOf(before, plan, 'vqa-rad', before.session.benches[0]?.variant ?? '');
    const storedBefore = [...(db.backings.get(runIdentityText(key))?.results.values() ?? [])];
    const doneBefore = storedBefore.filter((x) => x.error === undefined).length;

    // a reloaded tab: a new session over the same storage
    const after = rig({ db, bundled, plans: planStoreOn(kv) });
    expect(after.session.unfinished).toEqual(plan);
    const unfinished = after.session.unfinished;
    if (unfinished === null) throw new Error('no unfinished plan');
    await after.session.start(unfinished, '');
    expect(after.session.phase).toBe('completed');
    expect(after.session.progress?.resumed).toBe(doneBefore);
    const asked = await runnable(after, ['vqa-rad']);
    const generatedAfter = [...(after.created[0]?.calls.values() ?? [])].reduce((n, c) => n + c, 0);
    expect(generatedAfter).toBe(asked.length - doneBefore);
    expect(db.results(key)).toHaveLength(await itemCount(after, ['vqa-rad']));
    expect(kv.entries.size).toBe(0);
  });

  it('keeps an in-browser model loaded for the next run of it, and frees it for another model or on unload', async () => {
    const r = rig();
    const plan = browserPlan(['vqa-rad']);
    await r.session.start(plan, '');
    expect(r.session.keptModel).toBe(plan.modelLabel);
    expect(r.session.reusedModel).toBe(false);
    expect(r.log).toContain('model loaded');

    await r.session.start(browserPlan(['slake']), '');
    expect(r.session.phase).toBe('completed');
    expect(r.session.reusedModel).toBe(true);
    expect(r.created).toHaveLength(1);
    expect(r.log.filter((l) => l.startsWith('load'))).toHaveLength(1);
    expect(r.session.runtime).toMatchObject({ device: 'wasm' });

    const other = makeUserModel('http://127.0.0.1:9000/models/other-vl/', 'fp32');
    await r.session.start(browserPlan(['slake'], other), '');
    expect(r.log).toContain('dispose backend 1');
    expect(r.session.keptModel).toBe(other.label);
    await r.session.unloadModel();
    expect(r.session.keptModel).toBeNull();
    expect(r.log.at(-1)).toBe('dispose backend 2');
  });

  it('offers no saved plan it cannot run (an engine this version lacks)', () => {
    const plan = browserPlan(['vqa-rad']);
    const saved = { ...plan, local: { ...plan.local, engine: 'mlx' } };
    const plans = planStoreOn(createMemoryKeyValue({ 'medvlm-bench:active-run:v1': saved }));
    expect(rig({ plans }).session.unfinished).toBeNull();
    expect(
      rig({ plans: planStoreOn(createMemoryKeyValue({ 'medvlm-bench:active-run:v1': plan })) }).session.unfinished,
    ).toEqual(plan);
  });

  it('dismisses an unfinished plan', () => {
    const kv = createMemoryKeyValue();
    const plans = planStoreOn(kv);
    plans.save(remotePlan(['vqa-rad']));
    const r = rig({ plans });
    expect(r.session.unfinished).not.toBeNull();
    r.session.dismissUnfinished();
    expect(r.session.unfinished).toBeNull();
    expect(plans.load()).toBeNull();
  });
});
