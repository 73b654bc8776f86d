// The shared vocabulary of the core: items, prompts, generations, results and run manifests.
// Pure types only; every other module speaks in these.

import type { BenchmarkId } from './benchmarks/catalogue';
import type { ExtractStatus } from './extract/statuses';

/** Benchmark ids and variants are derived from the benchmark catalogue (benchmarks/catalogue.ts). */
export type { BenchmarkId, VariantOf } from './benchmarks/catalogue';

/** Understanding vs reasoning (protocol §4). */
export type Tag = 'reasoning' | 'understanding';
/** Where an item's tag came from: MedXpertQA's gold label, the gme classifier, or the text-only fallback. */
export type TagSource = 'gold' | 'gme' | 'text';

export interface Option {
  /** "A", "B", … */
  letter: string;
  text: string;
}

export interface ImageRef {
  /** Path relative to the dataset root, or a pseudo-path for inline images ("file.parquet#row/image_1"). */
  path: string;
  /** False when the file was not found at load time; scoring still works, running a model is refused. */
  present: boolean;
  /** Inline bytes (MMMU parquet image structs); absent for file-backed images. */
  bytes?: Uint8Array;
}

export type MetaValue = string | number | boolean | null;

/** A normalised multiple-choice item, whatever the benchmark's raw shape. */
export interface Item {
  id: string;
  benchmark: BenchmarkId;
  variant: string;
  /** Question text without inline choices. */
  question: string;
  options: Option[];
  /** Gold letter. */
  answer: string;
  images: ImageRef[];
  /** Benchmark metadata: modality, content_type, question_type, subject, … */
  meta: Record<string, MetaValue>;
  /** Known at load time only for MedXpertQA (gold question_type). */
  tag?: Tag;
  tagSource?: TagSource;
}

export interface Exclusion {
  file: string;
  /** Record index within the file (0-based); -1 for a whole-file problem. */
  index: number;
  field: string;
  reason: string;
}

export interface LoadReport {
  benchmark: BenchmarkId;
  variant: string;
  files: string[];
  /** Records read before filtering. */
  records: number;
  /** Records outside the eval split/filter (e.g. open questions, other languages): not errors. */
  filtered: number;
  kept: number;
  excluded: number;
  /** reason → count, for exclusions. */
  excludedByReason: Record<string, number>;
  exclusions: Exclusion[];
  /** Items kept whose images are (partly) missing. */
  missingImages: number;
  /** Which raw shape was read (e.g. 'hf-jsonl', 'official-eval-jsonl', 'csv-v2', 'parquet', 'mcq-bundle'). */
  format?: string;
  /** The protocol's item count for this variant on the full official release (absent where it gives none). */
  expected?: { count: number; approx?: boolean };
}

export interface LoadResult {
  items: Item[];
  report: LoadReport;
}

/** An image with its bytes in hand: what a backend receives, once the engine has resolved the item's ImageRef. */
export interface ResolvedImage {
  /** The ImageRef's path, for messages. */
  path: string;
  bytes: Uint8Array;
}

/** One part of a message; images are ImageRefs as built from an item (PromptMessage), ResolvedImages in a request. */
export type ContentPart<Image = ResolvedImage> = { type: 'text'; text: string } | { type: 'image'; image: Image };

export interface ChatMessage<Image = ResolvedImage> {
  role: 'system' | 'user' | 'assistant';
  content: ContentPart<Image>[];
}

/** A message as buildMessages renders an item: its images not read yet (run/item.ts resolves them). */
export type PromptMessage = ChatMessage<ImageRef>;

export interface GenerationParams {
  /** 0 when unknown (predictions imported from elsewhere). */
  maxNewTokens: number;
  temperature: number;
  /** Image cap recorded in the manifest (e.g. Qwen2.5-VL max_pixels). */
  maxPixels?: number;
}

export interface GenerateRequest {
  /** Images come with their bytes: a backend never sees a missing one. */
  messages: ChatMessage[];
  params: GenerationParams;
  signal?: AbortSignal;
}

export interface GenerateResult {
  text: string;
  promptTokens: number | null;
  completionTokens: number | null;
  /** 'length' means the output hit maxNewTokens (recorded as truncated). */
  finishReason: 'stop' | 'length' | 'abort';
  latencyMs: number;
  prefillMs?: number;
  decodeTokensPerS?: number;
}

export type ExtractMode = 'paper' | 'lenient';

/** The statuses, their meanings and which count as parsed: extract/statuses.ts. */
export type { ExtractStatus } from './extract/statuses';

export interface Extraction {
  /** The normalised answer string that was mapped (null when none was found). */
  extracted: string | null;
  letter: string | null;
  status: ExtractStatus;
}

/** One line per item in a results file. */
export interface ItemResult {
  type: 'result';
  id: string;
  benchmark: BenchmarkId;
  variant: string;
  /** Registry model id (e.g. "qwen2.5-vl-7b"). */
  model: string;
  output: string;
  extracted: string | null;
  letter: string | null;
  status: ExtractStatus;
  mode: ExtractMode;
  gold: string;
  correct: boolean;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  /** Output hit max_new_tokens. */
  truncated: boolean;
  tag: Tag | null;
  tagSource: TagSource | null;
  /** Set when generation failed for this item; such a result is retried on resume. */
  error?: { code: string; message: string };
  /** Set when `output` was cut to the stored cap (status 'truncated'): the full output's length in characters. */
  outputLength?: number;
  /** Copied from the item so grouped scoring never needs the dataset again. */
  meta?: Record<string, MetaValue>;
}

export const RESULTS_FORMAT_VERSION = 1;

/** How a run's items were sampled from the benchmark's loaded items (core/sample). Absent in a manifest: every item. */
export interface SampleInfo {
  seed: number;
  /** The size as given: "200" (items) or "5%" (of the items). */
  size: string;
  /** The fields the draw was stratified by: Item.meta keys, or 'gold' for the gold letter. */
  strata: string[];
  /** Items in the sample. */
  n: number;
  /** Items it was drawn from. */
  population: number;
  /** sha256 of the sample's sorted item ids (hash.ts hashItemIds). */
  itemIdsHash: string;
}

/** First line of a results file. */
export interface RunManifest {
  type: 'manifest';
  formatVersion: number;
  appVersion: string;
  benchmark: BenchmarkId;
  benchmarkVersion: string;
  variant: string;
  /** Registry model id; the key results merge on. */
  model: string;
  /** Backend kind: 'openai', 'transformers', 'webllm', 'import', 'scripted'. */
  backend: string;
  /** Model name as the backend knows it (served name, repo id). Never a key. */
  backendModel: string;
  endpoints?: string[];
  promptVersion: string;
  extractorVersion: string;
  /** sha256 of the raw data files; 'unknown' for imported predictions without data. */
  dataHash: string;
  /** sha256 of the sorted item ids. */
  itemIdsHash: string;
  generation: GenerationParams;
  /** Set when the run covers a sample of the items; runs of different samples (or a sample and all) never merge. */
  sample?: SampleInfo;
  createdAt: string;
  updatedAt?: string;
}
