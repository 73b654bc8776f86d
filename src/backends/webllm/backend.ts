// A ModelBackend over a web-llm engine (injected: the real worker engine, or a fake in tests). web-llm runs one
// sequence at a time, so generations take turns; interrupt() and an aborted signal call interruptGenerate().
import { EvalError } from '../../core/errors';
import type { BackendCapabilities, LoadProgress, ModelBackend } from '../../core/ports';
import type { GenerateRequest, GenerateResult } from '../../core/types';
import { imageDataUri } from '../shared/data-uri';
import type { WebLlmEngine, WebLlmInitProgress, WebLlmUsage } from './engine';
import { mapWebLlmError } from './errors';
import { toWebLlmMessages } from './messages';

export interface WebLlmBackendOptions {
  /** web-llm model id (a model_id of the appConfig). */
  modelId: string;
  /** Creates the engine with modelId loaded (CreateWebWorkerMLCEngine, or a fake). */
  createEngine: (onInitProgress: (report: WebLlmInitProgress) => void) => Promise<WebLlmEngine>;
  /** Runs before the engine is created: WebGPU and shader-f16 checks that fail fast with a clear error. */
  preflight?: () => Promise<void>;
  /** Turns a load failure into an EvalError (default: mapWebLlmError); may check the model file URLs. */
  explainLoadFailure?: (e: unknown) => Promise<EvalError>;
  /** Image bytes → data URL (default: the bytes as they are, MIME type sniffed). */
  toDataUri?: (bytes: Uint8Array) => Promise<string>;
  /** Called once after the engine is unloaded on dispose (e.g. to terminate the worker). */
  onDispose?: () => void;
  /** Model ids the engine knows, for "did you mean" in errors. */
  knownIds?: readonly string[];
}

export interface WebLlmBackend extends ModelBackend {
  readonly modelId: string;
  /** web-llm's prefill/decode speed summary for the last generation. */
  runtimeStats(): Promise<string>;
}

/** web-llm's progress text → a LoadProgress phase: shader compilation vs fetching/loading weights. */
export function toLoadProgress(report: WebLlmInitProgress): LoadProgress {
  const phase = /shader|compil/i.test(report.text) ? 'compile' : 'download';
  return { phase, message: `${Math.round(report.progress * 100)}% — ${report.text}` };
}

const aborted = (): EvalError => new EvalError('backend/aborted', 'The request was cancelled.');

export function createWebLlmEngineBackend(options: WebLlmBackendOptions): WebLlmBackend {
  const { modelId } = options;
  const ctx = { modelId, ...(options.knownIds !== undefined ? { knownIds: options.knownIds } : {}) };
  const toDataUri = options.toDataUri ?? imageDataUri;
  const capabilities: BackendCapabilities = { maxImages: Infinity, streaming: true, device: 'webgpu' };
  let engine: WebLlmEngine | null = null;
  let loaded = false;
  let disposed = false;
  let tail: Promise<void> = Promise.resolve();
  let stopCurrent: (() => void) | null = null;

  const refuseIfDisposed = (): void => {
    if (disposed)
      throw new EvalError('backend/disposed', `The web-llm backend for ${modelId} was disposed: create a new one.`);
  };

  /** Waits for the previous generation to finish (or the signal to abort); the returned release ends our turn. */
  const takeTurn = async (signal: AbortSignal | undefined): Promise<() => void> => {
    const previous = tail;
    let release: () => void = () => undefined;
    tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    const myRelease = release;
    if (signal === undefined) {
      await previous;
      return myRelease;
    }
    try {
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => reject(aborted());
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        void previous.then(() => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        });
      });
    } catch (e) {
      // our place in line must still open for whoever queued behind us
      void previous.then(myRelease);
      throw e;
    }
    return myRelease;
  };

  const stream = async (
    live: WebLlmEngine,
    request: GenerateRequest,
    onToken: ((piece: string) => void) | undefined,
  ): Promise<GenerateResult> => {
    const messages = await toWebLlmMessages(request.messages, toDataUri);
    const release = await takeTurn(request.signal);
    let stopped = false;
    const stop = (): void => {
      stopped = true;
      live.interruptGenerate();
    };
    stopCurrent = stop;
    request.signal?.addEventListener('abort', stop, { once: true });
    try {
      if (request.signal?.aborted) throw aborted();
      const started = performance.now();
      const chunks = await live.chat.completions.create({
        messages,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: request.params.maxNewTokens,
        // web-llm clamps 0 to 1e-6: greedy. No penalties, full nucleus: the protocol's decoding.
        temperature: request.params.temperature,
        top_p: 1,
        frequency_penalty: 0,
        presence_penalty: 0,
      });
      let text = '';
      let finish: string | null = null;
      let usage: WebLlmUsage | undefined;
      for await (const chunk of chunks) {
        // web-llm clears its interrupt flag when a generation starts: repeat the request until the stream ends
        if (stopped) live.interruptGenerate();
        const choice = chunk.choices[0];
        const piece = choice?.delta.content ?? '';
        if (piece !== '') {
          text += piece;
          onToken?.(piece);
        }
        if (choice?.finish_reason != null) finish = choice.finish_reason;
        if (chunk.usage !== undefined) usage = chunk.usage;
      }
      const result: GenerateResult = {
        text,
        promptTokens: usage?.prompt_tokens ?? null,
        completionTokens: usage?.completion_tokens ?? null,
        finishReason: stopped || finish === 'abort' ? 'abort' : finish === 'length' ? 'length' : 'stop',
        latencyMs: performance.now() - started,
      };
      const ttftS = usage?.extra?.time_to_first_token_s;
      if (ttftS !== undefined) result.prefillMs = ttftS * 1000;
      const decode = usage?.extra?.decode_tokens_per_s;
      if (decode !== undefined) result.decodeTokensPerS = decode;
      return result;
    } catch (e) {
      throw mapWebLlmError(e, ctx);
    } finally {
      request.signal?.removeEventListener('abort', stop);
      if (stopCurrent === stop) stopCurrent = null;
      release();
    }
  };

  return {
    modelId,
    capabilities,
    async load(onProgress) {
      refuseIfDisposed();
      if (loaded) return onProgress?.({ phase: 'ready', message: modelId });
      try {
        if (engine === null) {
          await options.preflight?.();
          engine = await options.createEngine((report) => onProgress?.(toLoadProgress(report)));
        } else {
          await engine.reload(modelId);
        }
      } catch (e) {
        throw options.explainLoadFailure !== undefined ? await options.explainLoadFailure(e) : mapWebLlmError(e, ctx);
      }
      loaded = true;
      onProgress?.({ phase: 'ready', message: modelId });
    },
    async generate(request, onToken) {
      refuseIfDisposed();
      if (engine === null || !loaded)
        throw new EvalError('backend/not-loaded', `${modelId} is not loaded: call load() first.`);
      return stream(engine, request, onToken);
    },
    async interrupt() {
      stopCurrent?.();
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      stopCurrent?.();
      const live = engine;
      engine = null;
      loaded = false;
      try {
        await live?.unload();
      } catch {
        // the engine may already be gone (worker crashed); nothing is left to free
      } finally {
        options.onDispose?.();
      }
    },
    runtimeStats: () => (engine !== null ? engine.runtimeStatsText() : Promise.resolve('')),
  };
}
