// The protocol of the comlink model workers, derived from the core's ports: the worker serves a port's methods
// (plus init), and the page-side facades in src/app/workers.ts give the port back. A change to ModelBackend or
// Embedder breaks the compile on both sides (the worker objects and the facades `satisfies` these types).
// Callbacks cross as comlink proxies. Test hooks are not here: see debug.ts.

import type { BackendCapabilities, Embedder, LoadProgress, ModelBackend } from '../src/core/ports';
import type { GenerateRequest, GenerateResult, Item, LoadReport } from '../src/core/types';
import type { DatasetChoice, DatasetLoadProgress, DetectedLoad } from '../src/core/benchmarks/load-detected';
import type { SourceSpec } from '../src/data/source-spec';
import type { ClassifierFile, TrainOptions, TrainingExample } from '../src/core/classify';

export type WorkerDevice = 'webgpu' | 'wasm';

export interface WorkerModelOptions {
  /** Hub repo id, or a folder under localModelPath. */
  model: string;
  device: WorkerDevice;
  dtype: string;
  /** URL prefix holding local exports (`<prefix><model>/config.json`). */
  localModelPath?: string;
  /** Fetch weights from the hub (or remoteHost) when they are not local. Default true. */
  allowRemoteModels?: boolean;
  remoteHost?: string;
  /**
   * Inference worker: after loading, generate on a synthetic item until the latency is steady (core/run/warm-up.ts),
   * so V8's wasm tier-up and WebGPU's shader compiles happen before the first real item. Default false.
   */
  warmUp?: boolean;
}

export interface EmbedWorkerOptions extends WorkerModelOptions {
  /** gme's system instruction. */
  instruction?: string;
}

/** A GenerateRequest without its AbortSignal (not cloneable): the facade turns abort into interrupt(). */
export type WorkerGenerateRequest = Omit<GenerateRequest, 'signal'>;

export interface WorkerGenerateResult extends GenerateResult {
  /** The new token ids, for cross-environment comparisons. */
  outputTokenIds: number[];
}

/** ModelBackend as a worker serves it: its methods; `capabilities` (a getter, which comlink cannot serve) comes from init. */
export type ServedModelBackend = Omit<ModelBackend, 'capabilities'>;

export interface InferenceWorkerApi extends ServedModelBackend {
  init(opts: WorkerModelOptions): Promise<BackendCapabilities>;
  generate(request: WorkerGenerateRequest, onToken?: (piece: string) => void): Promise<WorkerGenerateResult>;
}

/** Embedder as a worker serves it: embed; `dim` (a property) comes back from load. */
export interface EmbedWorkerApi extends Omit<Embedder, 'dim'> {
  init(opts: EmbedWorkerOptions): Promise<void>;
  /** Resolves with the embedding dimension. */
  load(onProgress?: (p: LoadProgress) => void): Promise<number>;
  dispose(): Promise<void>;
}

/** A load in the data worker: what it found and its report; the kept items stay in the worker. */
export type DataWorkerLoad = Omit<DetectedLoad, 'result'> & { report: LoadReport };

/**
 * The data worker (workers/data.worker.ts): builds a source from what the user gave, detects and loads there, and
 * keeps the items of its one load for the page to read a slice at a time.
 */
export interface DataWorkerApi {
  /** `inflater`: a port to an inflate worker (InflateWorkerApi), so a zip's entries inflate beside the parsing. */
  load(
    spec: SourceSpec,
    choice: DatasetChoice,
    onProgress?: (p: DatasetLoadProgress) => void,
    inflater?: MessagePort,
  ): Promise<DataWorkerLoad>;
  /** Kept items [start, end). */
  slice(start: number, end: number): Promise<Item[]>;
  /** The kept item with this id and its position, or null. */
  find(id: string): Promise<{ index: number; item: Item } | null>;
  /** Resolves once every range the load fetched is kept in Cache Storage (written after the load answered). */
  settle(): Promise<void>;
}

/**
 * The inflate worker (workers/inflate.worker.ts): inflates a zip entry's deflated bytes for the data worker, on its
 * own thread. The page starts it beside a data worker and hands the data worker a port to it (`connect`).
 */
export interface InflateWorkerApi {
  /** Serves this API on `port` too (the data worker's end of a channel). */
  connect(port: MessagePort): void;
  /** The inflated bytes, transferred. */
  inflate(deflated: Uint8Array): Promise<Uint8Array>;
}

/** The classify worker (workers/classify.worker.ts): trains a classifier file off the page's thread. */
export interface ClassifyWorkerApi {
  train(examples: TrainingExample[], opts: TrainOptions): Promise<ClassifierFile>;
}
