// gme-Qwen2-VL as an Embedder: one forward pass (no generate), the last token's hidden state, L2-normalised.
// Loaded with Qwen2VLForConditionalGeneration from an export whose decoder outputs last_hidden_state.

import { AutoProcessor, Qwen2VLForConditionalGeneration, type Tensor } from '@huggingface/transformers';
import { EvalError, isEvalError } from '../../core/errors';
import type { Embedder, LoadProgress } from '../../core/ports';
import { messageOf } from '../shared/errors';
import { contentHash, MemoryEmbeddingCache, type EmbeddingCache } from './embedding-cache';
import { resetFailedFetches, toLoadError } from './load-errors';
import { progressReporter } from './load-progress';
import { preparePromptInputs, type ImageDecoder, type VlProcessorLike } from './prepare-inputs';
import type { TransformersDevice } from './runtime-choice';
import { checkDtype, decodeImageBytes } from './transformers-backend';

export const GME_DEFAULT_INSTRUCTION = 'You are a helpful assistant.';
// gme's documented pixel budget per image.
export const GME_MIN_PIXELS = 4 * 28 * 28;
export const GME_MAX_PIXELS = 1280 * 28 * 28;

export interface GmeEmbedderOptions {
  model: string;
  device: TransformersDevice;
  dtype: string;
  instruction?: string;
  decodeImage?: ImageDecoder;
  cache?: EmbeddingCache;
}

interface ForwardModel {
  (inputs: Record<string, unknown>): Promise<{ last_hidden_state?: Tensor }>;
  dispose(): Promise<unknown>;
  config: { hidden_size?: number; text_config?: { hidden_size?: number } };
}

/** gme's prompt: system instruction, the images, the text, then <|endoftext|> whose state is the embedding. */
export function gmePrompt(instruction: string, text: string, imageCount: number): string {
  const vision = '<|vision_start|><|image_pad|><|vision_end|>'.repeat(imageCount);
  return `<|im_start|>system\n${instruction}<|im_end|>\n<|im_start|>user\n${vision}${text}<|im_end|>\n<|im_start|>assistant\n<|endoftext|>`;
}

export function l2Normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  if (norm === 0) return v;
  return v.map((x) => x / norm);
}

export class GmeEmbedder implements Embedder {
  dim = 0;
  readonly cache: EmbeddingCache;
  private processor: VlProcessorLike | null = null;
  private model: ForwardModel | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly instruction: string;

  constructor(private readonly opts: GmeEmbedderOptions) {
    this.cache = opts.cache ?? new MemoryEmbeddingCache();
    this.instruction = opts.instruction ?? GME_DEFAULT_INSTRUCTION;
  }

  async load(onProgress?: (p: LoadProgress) => void): Promise<void> {
    if (this.model) return;
    const { model: id, device, dtype } = this.opts;
    const report = progressReporter(onProgress);
    resetFailedFetches();
    try {
      const processor = (await AutoProcessor.from_pretrained(id, {
        progress_callback: report.callback,
      })) as unknown as VlProcessorLike;
      processor.image_processor.min_pixels = GME_MIN_PIXELS;
      processor.image_processor.max_pixels = GME_MAX_PIXELS;
      onProgress?.({ phase: 'compile', message: `creating ${device} sessions (${dtype})` });
      const model = (await Qwen2VLForConditionalGeneration.from_pretrained(id, {
        device,
        dtype: checkDtype(dtype),
        progress_callback: report.callback,
      })) as unknown as ForwardModel;
      this.dim = model.config.text_config?.hidden_size ?? model.config.hidden_size ?? 0;
      this.processor = processor;
      this.model = model;
      onProgress?.({ phase: 'ready', ...report.totals(), message: `${id} ready on ${device} (${dtype})` });
    } catch (e) {
      throw await toLoadError(e, id, device, `the gme embedder "${id}"`);
    }
  }

  /** Cache key for an input: the same text and image bytes always give the same key. */
  keyFor(input: { text: string; images: Uint8Array[] }): Promise<string> {
    return contentHash([this.opts.model, this.opts.dtype, this.instruction, input.text, ...input.images]);
  }

  embed(input: { text: string; images: Uint8Array[] }): Promise<Float32Array> {
    const run = this.queue.then(() => this.embedNow(input));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async embedNow(input: { text: string; images: Uint8Array[] }): Promise<Float32Array> {
    const key = await this.keyFor(input);
    const hit = await this.cache.get(key);
    if (hit) return hit;
    if (!this.processor || !this.model) throw new EvalError('backend/not-loaded', 'call load() before embed()');
    try {
      const prompt = gmePrompt(this.instruction, input.text, input.images.length);
      const inputs = await preparePromptInputs(
        this.processor,
        prompt,
        input.images,
        this.opts.decodeImage ?? decodeImageBytes,
      );
      const { last_hidden_state: hidden } = await this.model({ ...inputs });
      if (!hidden)
        throw new EvalError(
          'backend/bad-model-outputs',
          `${this.opts.model} returned no last_hidden_state: is it a gme (embedding) export?`,
        );
      const [, seq = 0, dim = 0] = hidden.dims;
      const data = hidden.data as Float32Array;
      const vector = l2Normalize(Float32Array.from(data.subarray((seq - 1) * dim, seq * dim)));
      await this.cache.set(key, vector);
      return vector;
    } catch (e) {
      if (isEvalError(e)) throw e;
      throw new EvalError('backend/embed-failed', `embedding failed on ${this.opts.device}: ${messageOf(e)}`, e);
    }
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.model?.dispose();
    this.model = null;
    this.processor = null;
  }
}

export function createGmeEmbedder(opts: GmeEmbedderOptions): GmeEmbedder {
  return new GmeEmbedder(opts);
}
