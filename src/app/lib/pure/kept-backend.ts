// Keeps the last in-browser model loaded between runs on the Run page: evaluating one slice and then another with
// the same model reuses the worker, its loaded weights and its compiled engine instead of loading them again
// (seconds to minutes for a real model, and on a small machine the engine's recompilation competes with the page).
// Only a model that ended a run in good order is kept; "Unload model" frees it. Plain data: no Svelte, no workers.
import type { PlanBackend } from './plan-backend';
import type { RunPlan } from './run-plan';

/** What must match for a loaded model to serve another run: engine, weights, device and where they come from. */
export function keepKeyOf(plan: RunPlan): string | null {
  const local = plan.local;
  if (plan.target !== 'browser' || local === undefined) return null;
  return JSON.stringify([
    local.engine,
    local.model,
    local.dtypes,
    local.device ?? null,
    local.localModelPath ?? null,
    local.allowRemoteModels,
  ]);
}

export class KeptBackend {
  private kept: { key: string; label: string; created: PlanBackend } | null = null;

  /** The label of the model kept loaded, or null. */
  get label(): string | null {
    return this.kept?.label ?? null;
  }

  /**
   * The kept backend if it matches `key` (it leaves the slot: the caller owns it until it calls keep() again).
   * A kept backend for anything else is disposed first, so two models are never loaded at once.
   */
  async take(key: string | null): Promise<PlanBackend | null> {
    const kept = this.kept;
    if (kept === null) return null;
    this.kept = null;
    if (key !== null && kept.key === key) return kept.created;
    await kept.created.backend.dispose().catch(() => undefined);
    return null;
  }

  /** Keeps a backend that finished a run in good order; anything not keepable (key null) is disposed. */
  async keep(key: string | null, label: string, created: PlanBackend): Promise<void> {
    await this.release();
    if (key === null) {
      await created.backend.dispose().catch(() => undefined);
      return;
    }
    this.kept = { key, label, created };
  }

  /** Disposes the kept backend, if any. */
  async release(): Promise<void> {
    const kept = this.kept;
    this.kept = null;
    await kept?.created.backend.dispose().catch(() => undefined);
  }
}
