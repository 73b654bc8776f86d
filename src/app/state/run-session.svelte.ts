// The run in progress on the Run page: load the model (or reuse the one kept loaded), open one result store per
// benchmark, run the engine (resumable: stored items are skipped), and publish progress, per-item status and the
// streamed output. The plan is saved while unfinished, so a reloaded or crashed tab offers to resume exactly where
// it stopped. Everything platform-bound comes in through the constructor (RunSessionDeps): the page wires IndexedDB,
// workers and timers (runs.svelte.ts), Node tests wire memory stores and the scripted backend.
import { redact } from '../../backends/openai';
import { isEvalError } from '../../core/errors';
import type { LoadProgress, ResultStore } from '../../core/ports';
import { createRunControl, runEvaluation } from '../../core/run';
import type { ControlState, ItemRef, RunControl, RunOutcome, RunProgress } from '../../core/run';
import { Coalescer } from '../lib/pure/coalescer';
import { describeError } from '../lib/pure/errors';
import { KeptBackend, keepKeyOf } from '../lib/pure/kept-backend';
import { foldLoadProgress, isLoadMilestone } from '../lib/pure/load-view';
import type { LoadView } from '../lib/pure/load-view';
import type { PlanBackend, RuntimeInfo } from '../lib/pure/plan-backend';
import type { BackendFactory, Host, OpenRunStore, RunKey } from '../lib/pure/ports';
import type { PlanStore, RunPlan } from '../lib/pure/run-plan';
import { sampleBenchmarks } from '../lib/pure/run-sample';
import { buildRunSpecs } from '../lib/pure/run-specs';
import type { PlannedBenchmark } from '../lib/pure/run-specs';
import { RunTracker } from '../lib/pure/run-tracker';
import type { BenchView, WatchedView } from '../lib/pure/run-tracker';

export type { LoadView, WatchedView };

// The page repaints the run at most this often. Each repaint is a main-thread frame (style, layout, paint) that,
// on a small machine, waits for a core behind the model's worker and V8's compile threads; 4 a second keeps the
// counters and the streamed output live while leaving few chances for a long frame (bench:app).
export const PUBLISH_EVERY_MS = 250;

export type RunPhase = 'idle' | 'preparing' | 'loading-model' | 'running' | 'completed' | 'cancelled' | 'failed';

/** A benchmark ready to run, with what the Run page shows of it. */
export interface SessionBenchmark extends PlannedBenchmark {
  title: string;
}

export interface RunSessionDeps {
  /** The plan's benchmarks, loaded (awaited; throws for one that cannot be). */
  benchmarks(ids: readonly string[]): Promise<SessionBenchmark[]>;
  backends: Pick<BackendFactory, 'create'>;
  /** A store bound to one run; the session closes it when the run ends. */
  openStore: OpenRunStore;
  /** Where the unfinished plan is kept. */
  plans: PlanStore;
  host: Host;
  /** The stored-runs list: told which runs are being written, and refreshed after each run. */
  storedRuns: { setActive(keys: RunKey[]): void; refresh(): Promise<void> };
  /** An in-browser model finished loading (its files are now cached). */
  onModelLoaded?(): void;
  /** Repaint interval (default PUBLISH_EVERY_MS). */
  publishEveryMs?: number;
  /** The slot for the model kept loaded, shared by the in-browser parts of a plan (default: this session's own). */
  kept?: KeptBackend;
}

export class RunSession {
  phase = $state<RunPhase>('idle');
  control = $state<ControlState>('running');
  error = $state<string | null>(null);
  plan = $state.raw<RunPlan | null>(null);
  load = $state.raw<LoadView | null>(null);
  runtime = $state.raw<RuntimeInfo | null>(null);
  progress = $state.raw<RunProgress | null>(null);
  benches = $state.raw<BenchView[]>([]);
  /** Each bench's run identity (same index), once its manifest is built: what links to its items name. */
  runKeys = $state.raw<RunKey[]>([]);
  watched = $state.raw<WatchedView | null>(null);
  outcome = $state.raw<RunOutcome | null>(null);
  /** An unfinished plan found at startup (the tab was reloaded, closed or crashed mid-run). */
  unfinished = $state.raw<RunPlan | null>(null);
  /** The in-browser model kept loaded since the last run (reused by the next run of the same model), or null. */
  keptModel = $state<string | null>(null);
  /** This run reuses the model the previous run left loaded. */
  reusedModel = $state(false);

  private readonly kept: KeptBackend;
  private readonly repaint: Coalescer;
  private runControl: RunControl | null = null;
  private created: PlanBackend | null = null;
  private tracker: RunTracker | null = null;
  private loadLatest: LoadView | null = null;
  private latest: RunProgress | null = null;

  constructor(private readonly deps: RunSessionDeps) {
    this.kept = deps.kept ?? new KeptBackend();
    this.unfinished = deps.plans.load();
    this.repaint = new Coalescer(() => this.publish(), deps.host.later, deps.publishEveryMs ?? PUBLISH_EVERY_MS);
  }

  get busy(): boolean {
    return this.phase === 'preparing' || this.phase === 'loading-model' || this.phase === 'running';
  }

  async start(plan: RunPlan, apiKey: string): Promise<void> {
    if (this.busy) return;
    const { deps } = this;
    this.reset(plan);
    deps.plans.save(plan);
    this.unfinished = null;
    const control = createRunControl();
    this.runControl = control;
    const unsubscribe = control.onChange((s) => (this.control = s));
    const stores: ResultStore[] = [];
    const keepKey = keepKeyOf(plan);
    let loaded = false;
    try {
      this.phase = 'preparing';
      // The click's own task only shows that the run started; the run panel is built in the next one.
      await deps.host.afterNextPaint();
      const benchmarks = await sampleBenchmarks(await deps.benchmarks(plan.benchmarks), plan.sample);
      // The run panel (per-item grid, counters) is laid out now, while the machine is idle, rather than when the
      // model is ready and its worker competes for the CPU (bench:app measures the difference).
      const tracker = new RunTracker(
        benchmarks.map((b, i) => ({
          entry: plan.benchmarks[i] ?? b.id,
          benchmark: b.id,
          title: b.title,
          variant: b.loaded.report.variant,
          items: b.loaded.items,
        })),
      );
      this.tracker = tracker;
      this.latest = tracker.initialProgress();
      this.publish();
      await deps.host.afterNextPaint();
      const created = await this.loadBackend(plan, apiKey, keepKey);
      if (control.state === 'cancelled') throw new Error('Cancelled while the model was loading.');
      loaded = true;

      // The setup (manifests with their hashes, stores) yields between steps so the page can paint and take input.
      const { runs, keys } = await buildRunSpecs({
        benchmarks,
        plan,
        created,
        apiKey,
        openStore: (key) => {
          const store = deps.openStore(key);
          stores.push(store);
          return store;
        },
        tracker,
        onChange: () => this.repaint.schedule(),
        nextTask: deps.host.nextTask,
      });
      deps.storedRuns.setActive(keys);
      this.runKeys = keys;
      this.phase = 'running';
      // yieldToHost: each item starts in a task of its own and is posted to the model in another, so an item's
      // turnaround (the last result stored, the next image read and sent) is a few short tasks, not one long one.
      const outcome = await runEvaluation(
        { backend: created.backend, runs },
        {
          concurrency: created.concurrency,
          control,
          yieldToHost: deps.host.nextTask,
          onItem: this.itemHooks(tracker),
          onProgress: (p) => {
            this.latest = p;
            this.repaint.schedule();
          },
        },
      );
      this.latest = outcome.progress;
      this.repaint.now();
      this.outcome = outcome;
      this.phase = outcome.status;
      if (outcome.status === 'completed') deps.plans.clear();
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
      await this.keepOrDispose(plan, loaded ? keepKey : null);
      this.runControl = null;
      deps.storedRuns.setActive([]);
      this.repaint.now();
      void deps.storedRuns.refresh();
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
    this.deps.plans.clear();
    this.unfinished = null;
  }

  /** The model kept loaded by the last run when it is this plan's, else a new one, loaded. */
  private async loadBackend(plan: RunPlan, apiKey: string, keepKey: string | null): Promise<PlanBackend> {
    const reused = await this.kept.take(keepKey);
    this.keptModel = null;
    this.reusedModel = reused !== null;
    const created = reused ?? (await this.deps.backends.create(plan, apiKey));
    this.created = created;
    this.runtime = created.runtime();
    if (reused === null) {
      this.phase = 'loading-model';
      await created.backend.load((p) => this.onLoad(p));
      this.runtime = created.runtime();
      if (plan.target === 'browser') this.deps.onModelLoaded?.();
    }
    return created;
  }

  /**
   * A model that loaded and ended its run completed or cancelled stays loaded for the next run; after a failure it
   * is disposed (the worker may be what failed). `keepKey` null: the model never loaded.
   */
  private async keepOrDispose(plan: RunPlan, keepKey: string | null): Promise<void> {
    const created = this.created;
    this.created = null;
    if (created === null) return;
    const keep = keepKey !== null && (this.phase === 'completed' || this.phase === 'cancelled') ? keepKey : null;
    await this.kept.keep(keep, plan.modelLabel, created);
    this.keptModel = this.kept.label;
  }

  /** The engine's item events feed the tracker; only the watched item's output is streamed. */
  private itemHooks(tracker: RunTracker) {
    return {
      started: (item: ItemRef): boolean => {
        const watched = tracker.started(item);
        this.repaint.schedule();
        return watched;
      },
      token: (item: ItemRef, piece: string): void => {
        tracker.token(item, piece);
        this.repaint.schedule();
      },
      ended: (item: ItemRef): void => {
        tracker.ended(item);
        this.repaint.schedule();
      },
    };
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
    this.runKeys = [];
    this.watched = null;
    this.tracker = null;
    this.latest = null;
    this.control = 'running';
  }

  /** Download progress arrives per network chunk: it is folded into one view and repainted with the rest. */
  private onLoad(p: LoadProgress): void {
    const prev = this.loadLatest;
    this.loadLatest = foldLoadProgress(prev, p);
    if (isLoadMilestone(prev, this.loadLatest)) this.repaint.now();
    else this.repaint.schedule();
  }

  private publish(): void {
    this.benches = this.tracker?.views() ?? [];
    this.watched = this.tracker?.watched() ?? null;
    this.progress = this.latest;
    if (this.load !== this.loadLatest) {
      this.load = this.loadLatest;
      // The device line can change while loading (a WebGPU failure falls back to wasm).
      if (this.created !== null) this.runtime = this.created.runtime();
    }
  }
}
