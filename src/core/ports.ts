// What the core needs from the outside world. Implementations live in src/backends, src/storage, src/data.

import type { GenerateRequest, GenerateResult, ItemResult, RunManifest } from './types.js';

/** Read access to one benchmark's raw files, rooted at its data directory (or a bundled demo slice). */
export interface DatasetSource {
  /** Human-readable root, for messages ("../shared/datasets/vqa-rad", "static-datasets/slake"). */
  readonly root: string;
  /** All file paths under the root, relative, '/'-separated. */
  list(): Promise<string[]>;
  /**
   * What the last list() left out, and why (an unreadable folder, a folder link leaving the root): each becomes
   * one exclusion in the load report. Absent where a source never leaves anything out.
   */
  listProblems?(): readonly ListingProblem[];
  readText(path: string): Promise<string>;
  readBytes(path: string): Promise<Uint8Array>;
  /** Size of one file in bytes, without reading it (a multi-GB parquet or zip entry is never read whole to learn it). */
  size(path: string): Promise<number>;
  /** Bytes [start, endExclusive) of one file, clamped to its end: parquet footers and column chunks, file heads. */
  readRange(path: string, start: number, endExclusive: number): Promise<Uint8Array>;
  /**
   * A hint that these whole files will be read soon: a source over ranges may fetch neighbours in one request
   * (a zip's question files: one round trip instead of one each). Absent where each read costs the same anyway.
   */
  willRead?(paths: readonly string[]): void;
}

export interface ListingProblem {
  /** Relative path; a folder ends in '/'. */
  path: string;
  /** "code: detail", like an exclusion's reason. */
  reason: string;
}

export interface LoadProgress {
  /** 'download' for weights, 'compile' for shader/session setup. */
  phase: 'download' | 'compile' | 'ready';
  loadedBytes?: number;
  totalBytes?: number;
  /** Files finished, of those seen so far (a download's total grows as its files are discovered). */
  filesDone?: number;
  filesTotal?: number;
  file?: string;
  message?: string;
}

export interface BackendCapabilities {
  /** Largest number of images per prompt it accepts; Infinity when unlimited. */
  maxImages: number;
  streaming: boolean;
  /** Where it runs: 'webgpu', 'wasm', 'cpu', 'remote'. */
  device: string;
}

/** A model, wherever it runs: the same interface on both sides of a worker boundary. */
export interface ModelBackend {
  readonly capabilities: BackendCapabilities;
  load(onProgress?: (p: LoadProgress) => void): Promise<void>;
  /** Resolves with the full text; onToken receives streamed pieces when supported. */
  generate(request: GenerateRequest, onToken?: (piece: string) => void): Promise<GenerateResult>;
  /** Cooperative stop of the current generation. */
  interrupt(): Promise<void>;
  dispose(): Promise<void>;
}

/** Where results of one run (one model × one benchmark variant) are kept, item by item. */
export interface ResultStore {
  /** Opens the run: writes the manifest if new, else checks it matches and returns stored results. */
  open(manifest: RunManifest): Promise<ItemResult[]>;
  /** Stores one result durably before resolving. A later put for the same id replaces it. */
  put(result: ItemResult): Promise<void>;
  /** All stored results, one per item id (the latest). */
  results(): Promise<ItemResult[]>;
  close(): Promise<void>;
}

/** Joint image+text embeddings (gme-Qwen2-VL). */
export interface Embedder {
  readonly dim: number;
  embed(input: { text: string; images: Uint8Array[] }): Promise<Float32Array>;
}
