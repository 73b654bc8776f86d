// web-llm failures → EvalErrors that say what to do. Through its worker, web-llm sends errors as strings
// ("ShaderF16SupportError: …", from err.toString()), so mapping reads the name from an Error or from the string.
import { didYouMean, EvalError, isEvalError } from '../../core/errors';

export interface FailedFile {
  url: string;
  /** HTTP status; null when the request itself failed (network, CORS). */
  status: number | null;
  reason?: string;
}

export interface WebLlmErrorContext {
  modelId: string;
  /** Model ids in the appConfig, for "did you mean". */
  knownIds?: readonly string[];
  /** The first model file found unreachable, when the caller checked (see findUnreachableFile). */
  failedFile?: FailedFile | null;
  /** The record's weights URL, named when no failing file could be pinned down. */
  modelUrl?: string;
}

/** Name and message of whatever web-llm threw or sent. */
export function describeThrown(e: unknown): { name: string; message: string } {
  if (typeof e === 'string') {
    const m = /^([A-Za-z]\w*(?:Error|Exception)?): ([\s\S]*)$/.exec(e);
    return m !== null && m[1] !== undefined && m[2] !== undefined
      ? { name: m[1], message: m[2] }
      : { name: 'Error', message: e };
  }
  if (e instanceof Error || (typeof e === 'object' && e !== null && 'message' in e)) {
    const err = e as { name?: unknown; message?: unknown };
    return {
      name: typeof err.name === 'string' ? err.name : 'Error',
      message: typeof err.message === 'string' ? err.message : String(e),
    };
  }
  return { name: 'Error', message: String(e) };
}

const FETCH_FAILURE =
  /Failed to fetch|NetworkError|Request failed|Cannot fetch|failed to fetch|Unable to fetch|Failed to execute 'add' on 'Cache'|status (4|5)\d\d|\b404\b|Not Found|CORS|Unexpected token '<'|is not valid JSON/i;

/** True when the failure is about getting model files (so a check of the file URLs can pin it down). */
export function isFileFailure(e: unknown): boolean {
  const { name, message } = describeThrown(e);
  if (/^(ShaderF16SupportError|FeatureSupportError|WebGPUNot(Available|Found)Error|DeviceLostError)$/.test(name))
    return false;
  return FETCH_FAILURE.test(message) || name === 'NetworkError';
}

export function mapWebLlmError(e: unknown, ctx: WebLlmErrorContext): EvalError {
  if (e instanceof EvalError) return e;
  if (isEvalError(e)) return new EvalError(e.code, e.message, e);
  const { name, message } = describeThrown(e);
  const model = ctx.modelId;
  const said = `(web-llm: ${name}: ${message.split('\n')[0] ?? ''})`;

  if (
    /^WebGPUNot(Available|Found)Error$/.test(name) ||
    /WebGPU is not supported|Cannot find WebGPU|navigator\.gpu/i.test(message)
  ) {
    return new EvalError(
      'backend/no-webgpu',
      `This browser gives no WebGPU device, which web-llm needs for ${model}. Use Chrome or Edge ≥ 113 on a machine with a GPU (check chrome://gpu), or pick a transformers.js model: it falls back to wasm. ${said}`,
      e,
    );
  }
  if (name === 'ShaderF16SupportError' || /shader-f16/i.test(message)) {
    return new EvalError(
      'backend/no-shader-f16',
      `This GPU/browser lacks the WebGPU shader-f16 feature that the q4f16 build ${model} needs. Choose the q4f32_1 build of the model instead (larger, but runs without f16). ${said}`,
      e,
    );
  }
  if (name === 'FeatureSupportError') {
    return new EvalError(
      'backend/gpu-feature',
      `${model} needs a WebGPU feature this GPU/browser lacks. Try another build of the model (q4f32_1), or a newer browser. ${said}`,
      e,
    );
  }
  if (name === 'DeviceLostError' || /device (was )?lost/i.test(message)) {
    return new EvalError(
      'backend/device-lost',
      `The GPU ran out of memory (device lost) while running ${model}. Close other GPU-heavy tabs, prefer the smaller q4f16 build where shader-f16 exists, or use a smaller model. ${said}`,
      e,
    );
  }
  if (name === 'ModelNotFoundError' || /Cannot find model record/i.test(message)) {
    const guess = ctx.knownIds !== undefined ? didYouMean(model, ctx.knownIds) : null;
    return new EvalError(
      'config/unknown-model',
      `No web-llm model record "${model}"${guess !== null ? `: did you mean "${guess}"?` : '.'} Add your MLC build as a user model (model URL + model_lib .wasm URL).`,
      e,
    );
  }
  if (name === 'MissingModelError' || name === 'MissingModelWasmError') {
    return new EvalError(
      'config/model-record',
      `The web-llm record "${model}" has no model_lib: give the URL of its compiled WebGPU .wasm library.`,
      e,
    );
  }
  if (name === 'ContextWindowSizeExceededError') {
    return new EvalError(
      'backend/context-too-long',
      `The prompt (with its images) is longer than ${model}'s context window: lower the image cap (max pixels) or use a build with a larger context. ${said}`,
      e,
    );
  }
  if (name === 'QuotaExceededError' || /quota/i.test(message)) {
    return new EvalError(
      'backend/cache-quota',
      `The browser has no room left to cache ${model}'s weights. Free disk space, or delete cached models (site data) you no longer need, then load again. ${said}`,
      e,
    );
  }
  if (ctx.failedFile != null || isFileFailure(e)) {
    const f = ctx.failedFile;
    const what =
      f != null
        ? `${f.url} (${f.status !== null ? `HTTP ${f.status}` : (f.reason ?? 'no response')})`
        : `a file under ${ctx.modelUrl ?? 'the model URL'}`;
    return new EvalError(
      'backend/model-files',
      `Could not fetch ${model}'s model files: ${what}. Check that the URL is right and reachable from this page (the folder needs mlc-chat-config.json, tensor-cache.json, the params shards and tokenizer files; model_lib must point at the compiled .wasm), that the server sends CORS headers, and that you are online for hub models. ${said}`,
      e,
    );
  }
  if (/^(Model|WorkerEngineModel|Engine)NotLoadedError$/.test(name)) {
    return new EvalError('backend/not-loaded', `${model} is not loaded: call load() first. ${said}`, e);
  }
  if (
    /^(UnsupportedImageURLError|MultipleTextContentError|UserMessageContentErrorForNonVLM|SystemMessageOrderError|MessageOrderError|ContentTypeError|UnsupportedRoleError|UnsupportedDetailError|CannotFindImageEmbedError)$/.test(
      name,
    )
  ) {
    return new EvalError(
      'backend/bad-request',
      `web-llm refused the prompt for ${model}: ${message} Is this a vision build (model_type VLM)?`,
      e,
    );
  }
  return new EvalError('backend/webllm', `web-llm failed running ${model}: ${name}: ${message}`, e);
}
