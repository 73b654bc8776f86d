// One error type for the whole project: a machine-checkable code plus a message that says what to do.
// Every code is in ERROR_CODES below, with a line on what it means: ErrorCode is that table's key, so a code that
// is not catalogued does not compile. Check errors by `code` (isEvalError), never by instanceof: they cross worker
// boundaries as plain objects. A code read from a file (a stored result's error) stays a string until isErrorCode.

export const ERROR_CODES = Object.freeze({
  'dataset/bad-archive': 'a zip archive cannot be read (not a zip, or corrupt)',
  'dataset/bad-encoding': 'a data file is not valid UTF-8 text',
  'dataset/bad-image': 'an image cannot be decoded (not a known format, or corrupt)',
  'dataset/bad-path': 'a data path points outside the data directory',
  'dataset/blocked-by-policy':
    "the page's connection policy (CSP) refused a host the data led to (a redirect, or a file on another host)",
  'dataset/cors': 'a data host is reachable but does not allow this page to read it (CORS headers missing)',
  'dataset/cors-or-unreachable': 'a data host cannot be read from this page: CORS headers missing, or the host is down',
  'dataset/forbidden': 'a data host refused the file (401/403)',
  'dataset/http': 'a data host answered an unexpected HTTP status, or a served manifest cannot be read',
  'dataset/image-unreadable': "an item's image file is listed but cannot be read",
  'dataset/missing-dir': 'the data directory does not exist',
  'dataset/missing-file': 'a file the loader asked for is not under the data root',
  'dataset/missing-image': "an item's image is missing (not found at load time, or sent to a backend without bytes)",
  'dataset/no-files': 'no raw file of the expected shape under the data root',
  'dataset/no-items': 'the load kept no items to run',
  'dataset/no-range': 'a data host does not support HTTP range requests and the file is too large to read whole',
  'dataset/not-found': 'a data host has no such file (404)',
  'dataset/offline': 'the browser is offline, so a data host cannot be reached',
  'dataset/read-failed': 'a data file is there but reading it failed',
  'dataset/unreachable': 'a data host does not answer (DNS, refused connection, network down)',
  'dataset/wrong-benchmark': 'the data holds another benchmark than the one chosen (the message says which)',

  'backend/aborted': 'the request or generation was cancelled',
  'backend/auth': 'the server refused the request (401/403): a missing or wrong API key; stops a run',
  'backend/bad-model-config': "the model's config.json lacks what the backend needs (model_type)",
  'backend/bad-model-outputs': 'the model returned outputs of the wrong shape (not the export expected)',
  'backend/bad-request': 'the server or engine refused the request as malformed',
  'backend/bad-response': "the server's answer (a 200) is not a chat completion; retried once",
  'backend/cache-quota': "the browser has no room left to cache the model's weights",
  'backend/canvas': 'no 2D canvas is available to resize images',
  'backend/connection': 'the connection failed or the stream ended early; retried',
  'backend/context-too-long': "the prompt plus max new tokens exceed the model's context",
  'backend/device-lost': 'the GPU device was lost (usually out of memory)',
  'backend/disposed': 'the backend (or its worker) was disposed before the call finished; stops a run',
  'backend/embed-failed': 'computing an embedding failed',
  'backend/generate-failed': 'generation failed inside the engine',
  'backend/gpu-feature': 'the model needs a WebGPU feature this GPU or browser lacks',
  'backend/http-408': 'the server answered 408 (request timeout); retried',
  'backend/http-409': 'the server answered 409 (conflict); retried',
  'backend/http-425': 'the server answered 425 (too early); retried',
  'backend/image-too-large': 'the server rejected the image(s) as too large',
  'backend/load-failed': 'loading the model failed',
  'backend/model-files': "the model's files cannot be fetched",
  'backend/model-not-found':
    "the model's files were not found (wrong id or local path; the host answered 404 for a file)",
  'backend/no-shader-f16': 'the GPU or browser lacks the shader-f16 feature a q4f16 build needs',
  'backend/no-webgpu': 'the browser gives no WebGPU device',
  'backend/not-found': 'the server has no chat completions route at that URL (404)',
  'backend/not-loaded': 'a call came before the model (or its worker) was loaded',
  'backend/prompt-mismatch': "the prompt's image slots do not match its images",
  'backend/redirect': 'the server redirected the request: not followed (it could carry the API key elsewhere)',
  'backend/response-too-large': 'an answer exceeded the response byte cap (derived from max new tokens); not retried',
  'backend/rate-limited': 'the server answered 429 (rate limited); retried',
  'backend/server-error': 'the server answered 5xx; retried',
  'backend/stopped-early': 'items in a row failed with the same error, so the run stopped; stops a run',
  'backend/timeout': 'no complete answer within the time limit; retried',
  'backend/unavailable': 'no attempt could be made',
  'backend/unknown-model': 'the server serves no model by that name',
  'backend/unreachable': 'no endpoint answered',
  'backend/webgpu-init-failed': 'WebGPU could not start the model (the app falls back to wasm)',
  'backend/webllm': 'web-llm failed in a way no other code describes',

  'config/bad-url': 'not an http(s) URL',
  'config/classifier': 'a classifier file cannot be used (not JSON, wrong shape or version, weights of the wrong size)',
  'config/concurrency': 'concurrency is not a whole number ≥ 1',
  'config/duplicate-model': 'a user model reuses a model id',
  'config/endpoint': 'an endpoint URL is invalid, or checking it found a problem',
  'config/incomparable-runs':
    'two results files cannot be compared: different benchmarks, variants or scoring modes, or several runs in one',
  'config/max-in-flight': "an endpoint's in-flight limit is not a whole number ≥ 1",
  'config/max-response-bytes': 'the response byte cap is not a whole number ≥ 1',
  'config/model': 'no model given (served name, or a model to run in the browser)',
  'config/model-dtype': 'not a transformers.js dtype',
  'config/model-id': "a model id with characters outside lowercase letters, digits, '.', '_', '-'",
  'config/model-params': 'a model size that is not a positive number of billions',
  'config/model-record': 'a web-llm model record is invalid',
  'config/model-repo': 'not a Hugging Face repo id (owner/name)',
  'config/model-url': "not the URL of a model export's folder",
  'config/no-common-items': 'two results files to compare share no item id',
  'config/needs-reload':
    "a server configured after the page loaded: the page's connection policy (CSP) allows it from the next load on",
  'config/no-endpoint': 'no endpoint given',
  'config/not-results': 'a file named as a results file holds no valid run (no manifest line)',
  'config/retries': 'retry attempts not a whole number ≥ 1',
  'config/run': 'the run settings are incomplete or invalid',
  'config/sample': 'a sample size, seed or strata field that cannot be used',
  'config/unknown-benchmark': 'no benchmark by that id',
  'config/unknown-dtype': 'a dtype the transformers.js backend does not know',
  'config/unknown-model': 'no model by that id (registry or web-llm list)',
  'config/unknown-variant': 'the benchmark has no variant by that name',
  'config/unreadable-file': 'a file named on the command line cannot be read',
  'config/file-too-large': 'a file named on the command line is too large to read at once (the path is right)',
  'config/unsupported-model-type': "the model's model_type is not supported in the browser",
  'config/tags': 'a tags file cannot be used (no header line, wrong shape, or an item line of another benchmark)',
  'config/usage': 'bad command-line arguments',
  'config/webllm-version': "the installed web-llm's prebuilt list lacks a model this app expects",

  'run/duplicate-item': 'two items of one run share an id',
  'run/unexpected': 'an item failed with an error that carries no code',

  'store/already-open': 'the store is already open',
  'store/in-use': 'the run is open for writing, so it cannot be deleted',
  'store/incompatible': 'the store holds a different run (key, settings or versions differ)',
  'store/locked': "the results file's lock cannot be taken (another run writes it, or the lock cannot be made)",
  'store/lease-lost': "a run's lease on its results file was taken over (not refreshed in time), so it stopped writing",
  'store/no-such-run': 'no stored run by that key',
  'store/not-open': 'a call before open() or after close()',
  'store/quota': 'the browser storage quota is full',
  'store/read': 'reading the results file failed',
  'store/unavailable': 'IndexedDB is not available',
  'store/unreadable': 'not a results file this app can resume',
  'store/upgrade': 'upgrading the results database failed',
  'store/version': 'the results database was written by a newer version of the app',
  'store/write': 'writing a result failed',
} as const);

export type ErrorCode = keyof typeof ERROR_CODES;
/** What a code is about: its part before the slash. */
export type ErrorDomain = ErrorCode extends `${infer D}/${string}` ? D : never;

/** The domains, in catalogue order. */
export const ERROR_DOMAINS: readonly ErrorDomain[] = Object.freeze([
  ...new Set(Object.keys(ERROR_CODES).map((code) => code.slice(0, code.indexOf('/')) as ErrorDomain)),
]);

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_CODES, code);
}

export function errorDomain(code: ErrorCode): ErrorDomain {
  return code.slice(0, code.indexOf('/')) as ErrorDomain;
}

export class EvalError extends Error {
  readonly code: ErrorCode;
  override readonly cause?: unknown;
  constructor(code: ErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = 'EvalError';
    this.code = code;
    this.cause = cause;
  }
}

/** An EvalError, or its plain-object copy from another worker: a catalogued code and a message. */
export function isEvalError(e: unknown): e is { code: ErrorCode; message: string } {
  if (typeof e !== 'object' || e === null) return false;
  const { code, message } = e as { code?: unknown; message?: unknown };
  return typeof code === 'string' && isErrorCode(code) && typeof message === 'string';
}

/** Closest candidate by edit distance, for "did you mean …" messages. */
export function didYouMean(input: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}
