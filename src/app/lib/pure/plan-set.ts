// One press of "Run" as a whole plan: several models (in this browser and on servers, mixed) × the chosen
// benchmarks. Each model's part is a RunPlan (one run per benchmark, each with its own store); the set is saved while
// unfinished, with the parts already completed, so a reloaded tab resumes the whole plan. Versioned: a shape this
// version does not know is refused (null), and an unfinished single-model plan saved by the previous version is
// taken as a plan of one model. The API key is never part of it.
import type { KeyValueStore } from './key-value';
import { ACTIVE_PLAN_KEY, parseRunPlan } from './run-plan';
import type { PlanStore, RunPlan } from './run-plan';

export const PLAN_SET_VERSION = 2;

export interface PlanSet {
  version: typeof PLAN_SET_VERSION;
  /** One part per model, in the order they were chosen. */
  models: RunPlan[];
  /** Indices into `models` of the parts that completed (skipped on resume). */
  done: number[];
}

export function planSetOf(models: readonly RunPlan[]): PlanSet {
  return { version: PLAN_SET_VERSION, models: [...models], done: [] };
}

/**
 * Which parts still run, and how: in-browser models one after another (one model worker at a time: a second
 * would compete for the same GPU and memory), server models all at once (each server has its own limit).
 */
export function scheduleOf(set: PlanSet): { local: number[]; remote: number[] } {
  const todo = set.models.map((_, i) => i).filter((i) => !set.done.includes(i));
  return {
    local: todo.filter((i) => set.models[i]?.target === 'browser'),
    remote: todo.filter((i) => set.models[i]?.target === 'remote'),
  };
}

/** The set with part `index` marked completed. */
export function withDone(set: PlanSet, index: number): PlanSet {
  return set.done.includes(index) ? set : { ...set, done: [...set.done, index].sort((a, b) => a - b) };
}

/** How the Run page names a plan: "Model A, Model B × vqa-rad, slake". */
export function describePlanSet(set: PlanSet): string {
  const models = set.models.map((m) => m.modelLabel).join(', ');
  const benchmarks = [...new Set(set.models.flatMap((m) => m.benchmarks))].join(', ');
  return `${models} × ${benchmarks}`;
}

/** A saved plan set, or null when it is not one this version can run. */
export function parsePlanSet(v: unknown): PlanSet | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const r = v as Record<string, unknown>;
  if (r['version'] !== PLAN_SET_VERSION) return null;
  const models = r['models'];
  const done = r['done'];
  if (!Array.isArray(models) || models.length === 0 || !Array.isArray(done)) return null;
  const parsed = models.map(parseRunPlan);
  const ok = parsed.filter((p): p is RunPlan => p !== null);
  if (ok.length !== parsed.length) return null;
  const indices = done.filter((d): d is number => Number.isInteger(d) && d >= 0 && d < ok.length);
  if (indices.length !== done.length) return null;
  return { version: PLAN_SET_VERSION, models: ok, done: indices };
}

/** Where the unfinished plan set is kept (localStorage in the page). */
export interface PlanSetStore {
  load(): PlanSet | null;
  save(set: PlanSet): void;
  clear(): void;
}

export const ACTIVE_PLAN_SET_KEY = 'medvlm-bench:active-plan:v2';

/** `legacyKey`: where the previous version kept its single-model plan; read once, converted, then removed. */
export function planSetStoreOn(
  kv: KeyValueStore,
  key: string = ACTIVE_PLAN_SET_KEY,
  legacyKey: string = ACTIVE_PLAN_KEY,
): PlanSetStore {
  return {
    load: () => {
      const current = kv.read(key);
      if (current !== undefined) return parsePlanSet(current);
      const legacy = parseRunPlan(kv.read(legacyKey));
      return legacy === null ? null : planSetOf([legacy]);
    },
    save: (set) => {
      kv.write(key, set);
      kv.remove(legacyKey);
    },
    clear: () => {
      kv.remove(key);
      kv.remove(legacyKey);
    },
  };
}

/** A store that keeps nothing: a part of a plan set runs under its set, which saves the whole. */
export const NO_PLAN_STORE: PlanStore = { load: () => null, save: () => undefined, clear: () => undefined };
