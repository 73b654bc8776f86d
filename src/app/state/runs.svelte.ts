// The run in progress on the Run page: load the model, open one IndexedDB store per benchmark, run the engine
// (resumable: stored items are skipped), and publish progress, per-item status and the streamed output.
// The plan is saved while unfinished, so a reloaded or crashed tab offers to resume exactly where it stopped.
import { redact } from '../../backends/openai';
import { isEvalError } from '../../core/errors';
import { GENERATION_DEFAULTS, buildRunManifest, createRunControl, runEvaluation } from '../../core/run';
import type { ControlState, RunControl, RunOutcome, RunProgress, RunSpec } from '../../core/run';
import type { LoadProgress } from '../../core/ports';
import { createIdbStore } from '../../storage/idb';
import type { IdbResultStore, RunKey } from '../../storage/idb';
import { createPlanBackend } from '../lib/backend-factory';
import type { PlanBackend, RuntimeInfo } from '../lib/backend-factory';
import { describeError } from '../lib/errors';
import { KeptBackend, keepKeyOf } from '../lib/kept-backend';
import { afterNextPaint, nextTask } from '../lib/next-task';
import { readJson, removeKey, writeJson } from '../lib/persist';
import { parseRunPlan } from '../lib/run-plan';
import type { RunPlan } from '../lib/run-plan';
import { tapBackend, tapStore } from '../lib/run-taps';
import { RunTracker } from '../lib/run-tracker';
import type { BenchView, TrackedItem } from '../lib/run-tracker';
import { bundled } from './bundled.svelte';
import type { BundledBenchmark } from './bundled.svelte';
import { modelCache } from './model-cache.svelte';
import { storedRuns } from './stored-runs.svelte';

const ACTIVE_PLAN_KEY = 'medvlm-bench:active-run:v1';
// The page repaints the run at most this often. Each repaint is a main-thread frame (style, layout, paint) that,
// on a small machine, waits for a core behind the model's worker and V8's compile threads; 4 a second keeps the
// counters and the streamed output live while leaving few chances for a long frame (bench:app).
const PUBLISH_EVERY_MS = 250;

export type RunPhase = 'idle' | 'preparing' | 'loading-model' | 'running' | 'completed' | 'cancelled' | 'failed';

export interface LoadView {
  phase: LoadProgress['phase'];
  loadedBytes: number;
  totalBytes: number;
  filesDone: number;
  filesSeen: number;
  file: string;
  message: string;
}

export interface WatchedView extends TrackedItem {
  text: string;
  done: boolean;
}

async function readyBenchmarks(ids: readonly string[]): Promise<BundledBenchmark[]> {
  bundled.ensureLoaded();
  for (let waited = 0; ; waited += 50) {
    const found = ids.map((id) => bundled.byId(id));
    const settled = bundled.indexLoaded && found.every((b) => b !== undefined && b.status !== 'loading');
    if (bundled.indexError !== null)
      throw new Error(`The bundled benchmark list cannot be read: ${bundled.indexError}`);
    if (settled) {
      return found.map((b, i) => {
        if (b === undefined) throw new Error(`No bundled benchmark "${ids[i] ?? ''}".`);
        if (b.status === 'error' || b.result === null)
          throw new Error(`${b.entry.title} failed to load: ${b.error ?? 'unknown error'}`);
        return b;
      });
    }
    if (bundled.indexLoaded && waited > 60_000)
      throw new Error('The bundled benchmarks did not finish loading within a minute.');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function initialProgress(total: number): RunProgress {
  return {
    state: 'running',
    total,
    done: 0,
    failed: 0,
    resumed: 0,
    inFlight: 0,
    itemsPerS: 0,
    outputTokensPerS: 0,
    etaS: null,
    elapsedMs: 0,
    outputTokens: 0,
  };
}

function filesOf(message: string | undefined): [number, number] {
  const m = /(\d+)\/(\d+) files/.exec(message ?? '');
  return m ? [Number(m[1]), Number(m[2])] : [0, 0];
}

class RunSession {
  phase = $state<RunPhase>('idle');
  control = $state<ControlState>('running');
  error = $state<string | null>(null);
  plan = $state.raw<RunPlan | null>(null);
  load = $state.raw<LoadView | null>(null);
  runtime = $state.raw<RuntimeInfo | null>(null);
  progress = $state.raw<RunProgress | null>(null);
  benches = $state.raw<BenchView[]>([]);
  watched = $state.raw<WatchedView | null>(null);
  outcome = $state.raw<RunOutcome | null>(null);
  /** An unfinished plan found at startup (the tab was reloaded, closed or crashed mid-run). */
  unfinished = $state.raw<RunPlan | null>(parseRunPlan(readJson(ACTIVE_PLAN_KEY)));
  /** The in-browser model kept loaded since the last run (reused by the next run of the same model), or null. */
  keptModel = $state<string | null>(null);
  /** This run reuses the model the previous run left loaded. */
  reusedModel = $state(false);

  private readonly kept = new KeptBackend();
  private runControl: RunControl | null = null;
  private created: PlanBackend | null = null;
  private tracker: RunTracker | null = null;
  private watch: WatchedView | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private loadLatest: LoadView | null = null;
  private latest: RunProgress | null = null;

  get busy(): boolean {
    return this.phase === 'preparing' || this.phase === 'loading-model' || this.phase === 'running';
  }

  async start(plan: RunPlan, apiKey: string): Promise<void> {
    if (this.busy) return;
    this.reset(plan);
    writeJson(ACTIVE_PLAN_KEY, plan);
    this.unfinished = null;
    const control = createRunControl();
    this.runControl = control;
    const unsubscribe = control.onChange((s) => (this.control = s));
    const stores: IdbResultStore[] = [];
    const keys: RunKey[] = [];
    const keepKey = keepKeyOf(plan);
    let loaded = false;
    try {
      this.phase = 'preparing';
      // The click's own task only shows that the run started; the run panel is built in the next one.
      await afterNextPaint();
      const benchmarks = await readyBenchmarks(plan.benchmarks);
      // The run panel (per-item grid, counters) is laid out now, while the machine is idle, rather than when the
      // model is ready and its worker competes for the CPU (a 10 ms layout took 46–80 ms there on 2 cores, bench:app).
      const tracker = new RunTracker(
        benchmarks.map((b) => ({
          benchmark: b.entry.id,
          title: b.entry.title,
          variant: b.result?.report.variant ?? '',
          items: b.result?.items ?? [],
        })),
      );
      this.tracker = tracker;
      this.latest = initialProgress(tracker.total);
      this.publish();
      await afterNextPaint();
      const reused = await this.kept.take(keepKey);
      this.keptModel = null;
      this.reusedModel = reused !== null;
      this.created = reused ?? (await createPlanBackend(plan, apiKey));
      const created = this.created;
      this.runtime = created.runtime();
      if (reused === null) {
        this.phase = 'loading-model';
        await created.backend.load((p) => this.onLoad(p));
        this.runtime = created.runtime();
        if (plan.target === 'browser') void modelCache.refresh();
      }
      if (control.state === 'cancelled') throw new Error('Cancelled while the model was loading.');
      loaded = true;

      // The setup below (manifests with their hashes, stores) yields between steps so the page can paint and take
      // input: as one chain of awaits it ran as one 15–20 ms task (bench:app).
      const runs: RunSpec[] = [];
      for (const b of benchmarks) {
        const loaded = b.result;
        if (loaded === null) continue;
        await nextTask();
        const manifest = await buildRunManifest({
          source: b.source,
          loaded,
          model: plan.modelId,
          backend: created.kind,
          backendModel: plan.backendModel,
          ...(created.endpoints !== undefined ? { endpoints: created.endpoints } : {}),
          generation: {
            maxNewTokens: plan.maxNewTokens,
            temperature: GENERATION_DEFAULTS.temperature,
            maxPixels: plan.maxPixels,
          },
        });
        const key: RunKey = { model: manifest.model, benchmark: manifest.benchmark, variant: manifest.variant };
        const store = createIdbStore({ run: key });
        stores.push(store);
        keys.push(key);
        const benchmark = b.entry.id;
        runs.push({
          manifest,
          items: loaded.items,
          source: b.source,
          store: tapStore(store, apiKey, {
            onOpened: (stored) => this.touch(() => tracker.opened(benchmark, stored)),
            onStored: (r) => this.touch(() => tracker.stored(r)),
          }),
        });
      }
      storedRuns.active = keys;
      this.phase = 'running';
      const backend = tapBackend(created.backend, { onStart: (prompt) => this.onStart(prompt) });
      // yieldToHost: each item starts in a task of its own and is posted to the worker in another, so an item's
      // turnaround (the last result stored, the next image read and sent) is a few short tasks, not one long one.
      const outcome = await runEvaluation(
        { backend, runs },
        {
          concurrency: created.concurrency,
          control,
          yieldToHost: nextTask,
          onProgress: (p) => {
            this.latest = p;
            this.schedule();
          },
        },
      );
      this.latest = outcome.progress;
      this.publish();
      this.outcome = outcome;
      this.phase = outcome.status;
      if (outcome.status === 'completed') removeKey(ACTIVE_PLAN_KEY);
    } catch (e) {
      const cancelled = control.state === 'cancelled';
      // Cancelling a load stops its worker: that is the cancel itself, not an error to show.
      this.error =
        cancelled && isEvalError(e) && e.code === 'backend/disposed' ? null : redact(describeError(e), apiKey);
      this.phase = cancelled ? 'cancelled' : 'failed';
    } finally {
      unsubscribe();
      this.tracker?.settle();
      for (const s of stores) await s.close().catch(() => undefined);
      // A model that loaded and ended its run completed or cancelled stays loaded for the next run; after a failure
      // it is disposed (the worker may be what failed).
      const created = this.created;
      this.created = null;
      if (created !== null) {
        const keep = loaded && (this.phase === 'completed' || this.phase === 'cancelled') ? keepKey : null;
        await this.kept.keep(keep, plan.modelLabel, created);
        this.keptModel = this.kept.label;
      }
      this.runControl = null;
      storedRuns.active = [];
      this.publish();
      void storedRuns.refresh();
    }
  }

  pause(): void {
    this.runControl?.pause();
  }

  resume(): void {
    this.runControl?.resume();
  }

  /** Stops the run; in-flight generations are interrupted (a model still loading is dropped). */
  cancel(): void {
    this.runControl?.cancel();
    if (this.phase === 'loading-model') void this.created?.backend.dispose();
  }

  /** Frees the model kept loaded since the last run (its worker and memory). */
  async unloadModel(): Promise<void> {
    if (this.busy) return;
    await this.kept.release();
    this.keptModel = null;
  }

  dismissUnfinished(): void {
    removeKey(ACTIVE_PLAN_KEY);
    this.unfinished = null;
  }

  private reset(plan: RunPlan): void {
    this.plan = plan;
    this.error = null;
    this.load = null;
    this.loadLatest = null;
    this.runtime = null;
    this.progress = null;
    this.outcome = null;
    this.benches = [];
    this.watched = null;
    this.watch = null;
    this.tracker = null;
    this.latest = null;
    this.control = 'running';
  }

  /** Download progress arrives per network chunk: it is folded into one view and repainted with the rest. */
  private onLoad(p: LoadProgress): void {
    const [filesDone, filesSeen] = filesOf(p.message);
    const prev = this.loadLatest;
    this.loadLatest = {
      phase: p.phase,
      loadedBytes: p.loadedBytes ?? prev?.loadedBytes ?? 0,
      totalBytes: p.totalBytes ?? prev?.totalBytes ?? 0,
      filesDone: filesSeen > 0 ? filesDone : (prev?.filesDone ?? 0),
      filesSeen: filesSeen > 0 ? filesSeen : (prev?.filesSeen ?? 0),
      file: p.file ?? prev?.file ?? '',
      message: p.message ?? '',
    };
    if (p.phase === 'ready' || prev === null || prev.phase !== p.phase) this.publish();
    else this.schedule();
  }

  private onStart(prompt: string): { onToken?: (piece: string) => void; onEnd: () => void } {
    const hit = this.tracker?.started(prompt) ?? null;
    this.schedule();
    const free = this.watch === null || this.watch.done;
    if (hit === null || !free) return { onEnd: () => this.schedule() };
    const w: WatchedView = { ...hit, text: '', done: false };
    this.watch = w;
    return {
      onToken: (piece) => {
        w.text += piece;
        this.schedule();
      },
      onEnd: () => {
        w.done = true;
        this.schedule();
      },
    };
  }

  private touch(change: () => void): void {
    change();
    this.schedule();
  }

  /** Coalesces updates: tokens and results arrive far faster than the page needs to repaint. */
  private schedule(): void {
    this.timer ??= setTimeout(() => this.publish(), PUBLISH_EVERY_MS);
  }

  private publish(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.benches = this.tracker?.views() ?? [];
    this.watched = this.watch === null ? null : { ...this.watch };
    this.progress = this.latest;
    if (this.load !== this.loadLatest) {
      this.load = this.loadLatest;
      // The device line can change while loading (a WebGPU failure falls back to wasm).
      if (this.created !== null) this.runtime = this.created.runtime();
    }
  }
}

export const runSession = new RunSession();
