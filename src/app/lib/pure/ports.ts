// What the app's state classes need from the platform, as interfaces: the page wires IndexedDB, timers and the
// backend factories in (state/*.svelte.ts singletons); Node tests wire in-memory stores, instant timers and the
// scripted backend.
import type { ResultRun } from '../../../core/results';
import type { ResultStore } from '../../../core/ports';
import type { RunKey, RunSummary } from '../../../storage/idb';
import type { PlanBackend, RuntimeInfo } from './plan-backend';
import type { RunPlan } from './run-plan';

export type { RunKey, RunSummary };

/** The runs stored in this browser: listed, read, exported, deleted (src/storage/idb.ts in the page). */
export interface RunsCatalogue {
  /** Every stored run, newest first. */
  listRuns(): Promise<RunSummary[]>;
  /** One run's manifest and results, as stored. */
  loadRun(key: RunKey): Promise<ResultRun>;
  /** One run as a results JSONL file. */
  exportRun(key: RunKey): Promise<string>;
  deleteRun(key: RunKey): Promise<void>;
}

/** Where a run's results go: one store per run identity (model, benchmark, variant, data, sample), closed when the run ends. */
export type OpenRunStore = (key: RunKey) => ResultStore;

/** Turns a plan into a backend, and says what device and weights a plan would get without loading anything. */
export interface BackendFactory {
  create(plan: RunPlan, apiKey: string): Promise<PlanBackend>;
  preview(plan: RunPlan): Promise<RuntimeInfo | null>;
}

/** The host's scheduling: ending the current task, waiting for a painted frame, and a cancellable timer. */
export interface Host {
  nextTask(): Promise<void>;
  afterNextPaint(): Promise<void>;
  /** Calls fn once after ms; the returned function cancels it. */
  later(fn: () => void, ms: number): () => void;
}
