// ModelBackend on transformers.js: Qwen2-VL / Qwen2.5-VL / Qwen3-VL via AutoProcessor and the model class
// named by config.json, one item per generate call, greedy decoding, per-item timing stats.

import {
  AutoProcessor,
  InterruptableStoppingCriteria,
  RawImage,
  type PreTrainedModel,
  type Tensor,
} from '@huggingface/transformers';
import { didYouMean, EvalError, isEvalError } from '../../core/errors';
import type { BackendCapabilities, LoadProgress, ModelBackend } from '../../core/ports';
import type { GenerateRequest, GenerateResult } from '../../core/types';
import { messageOf } from '../shared/errors';
import { GenerationTimer } from './generation-timer';
import { resetFailedFetches, toLoadError } from './load-errors';
import { progressReporter } from './load-progress';
import { modelClassFor, readModelType } from './model-family';
import { prepareVlInputs, type ImageDecoder, type VlInputs, type VlProcessorLike } from './prepare-inputs';
import type { TransformersDevice } from './runtime-choice';
import { yieldToEventLoop } from './yield-to-event-loop';

export interface TransformersBackendOptions {
  /** Hub repo id, or a folder name under env.localModelPath (see configureTransformersEnv). */
  model: string;
  device: TransformersDevice;
  /** Weight files to load: 'fp32', 'fp16', 'q8', 'q4', 'q4f16'. */
  dtype: string;
  /** Bytes → RawImage; the default uses transformers.js's own decoder (sharp in Node, canvas in browsers). */
  decodeImage?: ImageDecoder;
}

/** GenerateResult plus the raw new token ids (for cross-environment checks). */
export interface TransformersGenerateResult extends GenerateResult {
  outputTokenIds: number[];
}

export const decodeImageBytes: ImageDecoder = (bytes) =>
  RawImage.fromBlob(new Blob([bytes as Uint8Array<ArrayBuffer>]));

interface GeneratingModel {
  generate(args: Record<string, unknown>): Promise<unknown>;
  forward(inputs: unknown): Promise<unknown>;
  dispose(): Promise<unknown>;
  config: { eos_token_id?: number | number[] };
  generation_config?: { eos_token_id?: number | number[] | null } | null;
}

export class TransformersBackend implements ModelBackend {
  readonly capabilities: BackendCapabilities;
  private processor: VlProcessorLike | null = null;
  private model: GeneratingModel | null = null;
  private eosIds = new Set<number>();
  private readonly stopper = new InterruptableStoppingCriteria();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly decodeImage: ImageDecoder;

  constructor(private readonly opts: TransformersBackendOptions) {
    this.capabilities = { maxImages: Infinity, streaming: true, device: opts.device };
    this.decodeImage = opts.decodeImage ?? decodeImageBytes;
  }

  async load(onProgress?: (p: LoadProgress) => void): Promise<void> {
    if (this.model) return;
    const { model: id, device, dtype } = this.opts;
    const report = progressReporter(onProgress);
    resetFailedFetches();
    try {
      const modelClass = modelClassFor(await readModelType(id));
      this.processor = (await AutoProcessor.from_pretrained(id, {
        progress_callback: report.callback,
      })) as unknown as VlProcessorLike;
      onProgress?.({ phase: 'compile', message: `creating ${device} sessions (${dtype})` });
      const model = await modelClass.from_pretrained(id, {
        device,
        dtype: checkDtype(dtype),
        progress_callback: report.callback,
      });
      this.model = model as unknown as GeneratingModel;
      yieldBeforeEachStep(this.model);
      this.eosIds = eosIdsOf(model);
      onProgress?.({ phase: 'ready', ...report.totals(), message: `${id} ready on ${device} (${dtype})` });
    } catch (e) {
      throw await toLoadError(e, id, device);
    }
  }

  generate(request: GenerateRequest, onToken?: (piece: string) => void): Promise<TransformersGenerateResult> {
    // One generation at a time: the sessions and the interrupt flag are shared.
    const run = this.queue.then(() => this.generateNow(request, onToken));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async generateNow(
    request: GenerateRequest,
    onToken?: (piece: string) => void,
  ): Promise<TransformersGenerateResult> {
    const { processor, model } = this.loaded();
    const startedAt = performance.now();
    this.stopper.reset();
    if (request.signal?.aborted) return aborted(startedAt);
    const onAbort = (): void => this.stopper.interrupt();
    request.signal?.addEventListener('abort', onAbort);
    try {
      const inputs: VlInputs = await prepareVlInputs(
        processor,
        request.messages,
        this.decodeImage,
        request.params.maxPixels,
      );
      const timer = new GenerationTimer(processor.tokenizer, onToken);
      const { temperature, maxNewTokens } = request.params;
      await model.generate({
        ...inputs,
        max_new_tokens: maxNewTokens,
        do_sample: temperature > 0,
        ...(temperature > 0 ? { temperature } : {}),
        // Pure greedy: no penalty from the export's generation_config.json.
        repetition_penalty: 1.0,
        stopping_criteria: [this.stopper],
        streamer: timer,
      });
      const { prefillMs, decodeTokensPerS, tokenIds } = timer.timing();
      const last = tokenIds.at(-1);
      const finishReason: GenerateResult['finishReason'] = this.stopper.interrupted
        ? 'abort'
        : last !== undefined && this.eosIds.has(last)
          ? 'stop'
          : 'length';
      return {
        text: processor.tokenizer.decode(tokenIds, { skip_special_tokens: true }),
        promptTokens: (inputs.input_ids as Tensor).dims[1] ?? null,
        completionTokens: tokenIds.length,
        finishReason,
        latencyMs: performance.now() - startedAt,
        prefillMs,
        ...(decodeTokensPerS !== undefined ? { decodeTokensPerS } : {}),
        outputTokenIds: tokenIds,
      };
    } catch (e) {
      if (isEvalError(e)) throw e;
      throw new EvalError('backend/generate-failed', `generation failed on ${this.opts.device}: ${messageOf(e)}`, e);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
  }

  async interrupt(): Promise<void> {
    this.stopper.interrupt();
  }

  async dispose(): Promise<void> {
    this.stopper.interrupt();
    await this.queue;
    await this.model?.dispose();
    this.model = null;
    this.processor = null;
  }

  private loaded(): { processor: VlProcessorLike; model: GeneratingModel } {
    if (!this.processor || !this.model) throw new EvalError('backend/not-loaded', 'call load() before generate()');
    return { processor: this.processor, model: this.model };
  }
}

export function createTransformersBackend(opts: TransformersBackendOptions): TransformersBackend {
  return new TransformersBackend(opts);
}

/** Each decoding step first yields to the event loop, so interrupt() can land mid-generation. */
function yieldBeforeEachStep(model: GeneratingModel): void {
  const forward = model.forward.bind(model);
  model.forward = async (inputs: unknown) => {
    await yieldToEventLoop();
    return forward(inputs);
  };
}

function aborted(startedAt: number): TransformersGenerateResult {
  return {
    text: '',
    promptTokens: null,
    completionTokens: 0,
    finishReason: 'abort',
    latencyMs: performance.now() - startedAt,
    outputTokenIds: [],
  };
}

function eosIdsOf(model: PreTrainedModel): Set<number> {
  const m = model as unknown as GeneratingModel;
  const raw = m.generation_config?.eos_token_id ?? m.config.eos_token_id ?? [];
  return new Set((Array.isArray(raw) ? raw : [raw]).map(Number));
}

const DTYPES = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'] as const;
export type ModelDtype = (typeof DTYPES)[number];

/** Checks a dtype from config against the weight variants transformers.js knows. */
export function checkDtype(dtype: string): ModelDtype {
  const known = DTYPES.find((d) => d === dtype);
  if (known) return known;
  const hint = didYouMean(dtype, DTYPES);
  throw new EvalError(
    'config/unknown-dtype',
    `dtype "${dtype}" is not one of ${DTYPES.join(', ')}${hint ? `; did you mean "${hint}"?` : ''}`,
  );
}
