// What the run engine takes and reports: runs (one manifest, its items and its store each), options, progress, outcome.
import type { ErrorCode } from '../errors';
import type { DatasetSource, ModelBackend, ResultStore } from '../ports';
import type { PromptTemplate } from '../prompt';
import type { BenchmarkId, ExtractMode, Item, RunManifest } from '../types';
import type { RunControl } from './control';

/** One model × one benchmark variant: the manifest every stored result belongs to. */
export interface RunSpec {
  manifest: RunManifest;
  items: readonly Item[];
  store: ResultStore;
  /** Reads file-backed images (ImageRef.path); inline images (ImageRef.bytes) need none. */
  source?: DatasetSource;
}

export interface RunPorts {
  backend: ModelBackend;
  /** A plan: several benchmarks for the same model share one queue and one concurrency limit. */
  runs: readonly RunSpec[];
}

export interface RunOptions {
  /** Items generating at once. */
  concurrency: number;
  mode?: ExtractMode;
  template?: PromptTemplate;
  /** Aborting cancels the run, like control.cancel(). */
  signal?: AbortSignal;
  control?: RunControl;
  onProgress?: (progress: RunProgress) => void;
  /** Error codes that stop the whole run instead of failing one item (default: auth and disposed backend). */
  fatalCodes?: readonly ErrorCode[];
  /**
   * Called before each item starts and again between reading its images and sending it to the model, so a host
   * can end its current task there: a page passes a scheduler.yield()-style function and paints in between,
   * instead of running an item's whole turnaround (the last result stored, the next image read and sent) as one
   * long task. Default: none.
   */
  yieldToHost?: () => Promise<void>;
  /** Each item's generation as it happens, named by its benchmark and id (see ItemHooks). */
  onItem?: ItemHooks;
  /** Window for the items/s and tokens/s rates. */
  rateWindowMs?: number;
  now?: () => number;
}

/**
 * Which item an event is about: ids are unique within a run. `run` is the run's index in RunPorts.runs, which tells
 * apart two runs of one benchmark in one plan (a demo slice and the full release share item ids).
 */
export interface ItemRef {
  benchmark: BenchmarkId;
  id: string;
  run: number;
}

/**
 * A generation's life, for a host that shows it: `started` as the item is sent to the model (its images read),
 * `token` for each streamed piece, `ended` when the model is done with it (answered, failed or interrupted; its
 * result is stored afterwards and counted by onProgress). Pieces are asked of the backend only for items whose
 * `started` returned true, so an unwatched generation costs no streaming.
 */
export interface ItemHooks {
  started?(item: ItemRef): boolean;
  token?(item: ItemRef, piece: string): void;
  ended?(item: ItemRef): void;
}

export type RunState = 'running' | 'paused' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

export interface RunProgress {
  state: RunState;
  total: number;
  /** Items with a result (stored earlier or now), failures excluded. */
  done: number;
  /** Items whose generation failed in this session (stored with an error, retried on the next resume). */
  failed: number;
  /** Of `done`, those found in the store at start. */
  resumed: number;
  /** Items taken and not yet stored: generating, or with a result on its way to the store. */
  inFlight: number;
  /** Over the recent window. */
  itemsPerS: number;
  outputTokensPerS: number;
  /** Seconds to finish the remaining items at the recent rate; null before any rate exists. */
  etaS: number | null;
  elapsedMs: number;
  outputTokens: number;
}

export interface RunFailure {
  id: string;
  benchmark: BenchmarkId;
  code: string;
  message: string;
}

export interface RunOutcome {
  /** 'completed': every item was attempted (some may have failed); 'cancelled': stopped early. */
  status: 'completed' | 'cancelled';
  progress: RunProgress;
  failures: RunFailure[];
}
