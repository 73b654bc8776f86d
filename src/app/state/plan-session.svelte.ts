// A whole plan on the Run page: several models × benchmarks, each model's part run by a RunSession of its own (its
// progress, per-item grid and streamed output stay visible after it ends). In-browser parts run one after another
// and share one kept-model slot, so only one model worker is loaded at a time and the last one stays loaded for the
// next run; server parts run in parallel with each other and alongside the in-browser one. Pause, resume and cancel
// act on every part, including those not started yet. The set is saved while unfinished, with its completed parts,
// so a reloaded tab resumes the rest (each run's store skips the items it holds).
import { createRunControl } from '../../core/run';
import type { ControlState } from '../../core/run';
import { KeptBackend } from '../lib/pure/kept-backend';
import { NO_PLAN_STORE, scheduleOf, withDone } from '../lib/pure/plan-set';
import type { PlanSet, PlanSetStore } from '../lib/pure/plan-set';
import type { RunKey } from '../lib/pure/ports';
import type { RunPlan } from '../lib/pure/run-plan';
import { RunSession } from './run-session.svelte';
import type { RunSessionDeps } from './run-session.svelte';

export type PlanPhase = 'idle' | 'running' | 'completed' | 'cancelled' | 'failed';

export interface PlanSessionDeps extends Omit<RunSessionDeps, 'plans' | 'kept'> {
  plans: PlanSetStore;
}

/** One model's part of the plan and the session that runs it. */
export interface PlanPart {
  index: number;
  plan: RunPlan;
  session: RunSession;
}

export class PlanSession {
  phase = $state<PlanPhase>('idle');
  control = $state<ControlState>('running');
  set = $state.raw<PlanSet | null>(null);
  parts = $state.raw<PlanPart[]>([]);
  /** An unfinished plan found at startup (the tab was reloaded, closed or crashed mid-run). */
  unfinished = $state.raw<PlanSet | null>(null);
  /** The in-browser model kept loaded since the last run, or null. */
  keptModel = $state<string | null>(null);

  /** A session that never runs: what the run panel shows before the first plan (its "not started" state). */
  readonly idle: RunSession;

  private readonly kept = new KeptBackend();
  private runControl: ReturnType<typeof createRunControl> | null = null;

  constructor(private readonly deps: PlanSessionDeps) {
    this.unfinished = deps.plans.load();
    this.idle = new RunSession({ ...deps, plans: NO_PLAN_STORE });
  }

  /** The in-browser model's device and weights, from the part loading or running it (else the last one); or null. */
  get liveRuntime() {
    const local = this.parts.filter((p) => p.plan.target === 'browser' && p.session.runtime !== null);
    return (local.find((p) => p.session.busy) ?? local.at(-1))?.session.runtime ?? null;
  }

  get busy(): boolean {
    return this.phase === 'running';
  }

  async start(set: PlanSet, apiKey: string): Promise<void> {
    if (this.busy) return;
    const { deps } = this;
    const control = createRunControl();
    this.runControl = control;
    this.control = 'running';
    const unsubscribe = control.onChange((s) => (this.control = s));
    this.phase = 'running';
    this.set = set;
    this.unfinished = null;
    deps.plans.save(set);
    // Bookkeeping for the stored-runs list (which it is told of), never rendered: a plain Map.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const active = new Map<number, RunKey[]>();
    const { local, remote } = scheduleOf(set);
    const parts = [...local, ...remote]
      .sort((a, b) => a - b)
      .map((index) => this.partOf(index, set.models[index], active))
      .filter((p): p is PlanPart => p !== null);
    this.parts = parts;
    const byIndex = (i: number) => parts.find((p) => p.index === i);

    const runPart = async (part: PlanPart | undefined): Promise<void> => {
      if (part === undefined) return;
      await control.whenRunning();
      if (control.state === 'cancelled') return;
      await part.session.start(part.plan, apiKey);
      if (part.session.phase === 'completed' && this.set !== null) {
        this.set = withDone(this.set, part.index);
        deps.plans.save(this.set);
      }
    };
    const locals = async (): Promise<void> => {
      for (const i of local) await runPart(byIndex(i));
    };
    try {
      await Promise.all([locals(), ...remote.map((i) => runPart(byIndex(i)))]);
    } finally {
      unsubscribe();
      this.runControl = null;
      this.keptModel = this.kept.label;
      const phases = parts.map((p) => p.session.phase);
      const finished = this.set !== null && this.set.done.length === this.set.models.length;
      if (finished) deps.plans.clear();
      this.phase = finished
        ? 'completed'
        : control.state === 'cancelled'
          ? 'cancelled'
          : phases.includes('failed')
            ? 'failed'
            : 'cancelled';
    }
  }

  pause(): void {
    this.runControl?.pause();
    for (const p of this.parts) p.session.pause();
  }

  resume(): void {
    this.runControl?.resume();
    for (const p of this.parts) p.session.resume();
  }

  /** Stops every running part; those not started yet never start. */
  cancel(): void {
    this.runControl?.cancel();
    for (const p of this.parts) p.session.cancel();
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

  /**
   * A session for one part: in-browser parts share the plan's kept-model slot; the stored-runs list is told the
   * union of the runs every part is writing (each part would otherwise overwrite the others').
   */
  private partOf(index: number, plan: RunPlan | undefined, active: Map<number, RunKey[]>): PlanPart | null {
    if (plan === undefined) return null;
    const { deps } = this;
    const session = new RunSession({
      ...deps,
      plans: NO_PLAN_STORE,
      ...(plan.target === 'browser' ? { kept: this.kept } : {}),
      storedRuns: {
        setActive: (keys) => {
          active.set(index, keys);
          deps.storedRuns.setActive([...active.values()].flat());
        },
        refresh: () => deps.storedRuns.refresh(),
      },
    });
    return { index, plan, session };
  }
}
