// Connection check (GET /v1/models) that names what is wrong: unreachable, CORS, mixed content, auth,
// wrong model name, or not an OpenAI-compatible server.
import { didYouMean } from '../../core/errors';
import { requestHeaders } from './attempt';
import { readTextBounded } from './body';
import { describeFetchError, redact, serverMessage } from './failures';
import { normalizeBaseUrl } from './url';

export type EndpointProblem =
  'unreachable' | 'timeout' | 'cors' | 'mixed-content' | 'auth' | 'model-not-served' | 'not-openai';

export interface EndpointCheck {
  url: string;
  ok: boolean;
  problem: EndpointProblem | null;
  /** One sentence a user can act on. */
  message: string;
  /** Model names the server lists. */
  models: string[];
  /** vLLM reports the context length it serves with. */
  maxModelLen: number | null;
}

export interface CheckOptions {
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** The page's origin; set in browsers to tell CORS and mixed-content failures from a dead server. */
  pageOrigin?: string;
}

/** A model list is a few KiB; this much is plenty. */
const MODEL_LIST_BYTES = 4 * 1024 * 1024;

const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export async function checkEndpoint(rawUrl: string, options: CheckOptions): Promise<EndpointCheck> {
  const url = normalizeBaseUrl(rawUrl);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const result = (
    problem: EndpointProblem | null,
    message: string,
    models: string[] = [],
    maxModelLen: number | null = null,
  ): EndpointCheck => ({
    url,
    ok: problem === null,
    problem,
    message: redact(message, options.apiKey),
    models,
    maxModelLen,
  });
  const page = options.pageOrigin;
  if (
    page !== undefined &&
    page.startsWith('https:') &&
    url.startsWith('http:') &&
    !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])[:/]/.test(url)
  ) {
    return result(
      'mixed-content',
      `This page is served over https, so the browser blocks plain-http ${url}. Serve the endpoint over https (e.g. behind Caddy) or open the app over http on the same host.`,
    );
  }
  const controller = new AbortController();
  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = performance.now();
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    let response: Response;
    try {
      response = await doFetch(`${url}/models`, {
        headers: requestHeaders(options.apiKey),
        signal: controller.signal,
        redirect: 'error',
      });
    } catch (e) {
      if (timedOut)
        return result(
          'timeout',
          `${url} did not answer within ${options.timeoutMs ?? 10_000} ms: is the host right, and is the server still loading the model?`,
        );
      if (page !== undefined && (await answersWithoutCors(url, doFetch))) {
        return result(
          'cors',
          `${url} is up, but the browser blocked its answer (CORS). Start vLLM with --allowed-origins '["${page}"]' (SGLang: put it behind a proxy that sends Access-Control-Allow-Origin).`,
        );
      }
      return result(
        'unreachable',
        `Cannot reach ${url} (${describeFetchError(e)}): is the server running, and are the host and port right?`,
      );
    }
    // bounded like a completion: a server trickling or flooding its model list cannot hold the check
    const read = await readTextBounded(response.body, {
      deadlineAt: started + timeoutMs,
      idleMs: timeoutMs,
      maxBytes: MODEL_LIST_BYTES,
      signal: undefined,
    });
    if (read.kind === 'timeout')
      return result('timeout', `${url}/models began an answer but did not finish it within ${timeoutMs} ms.`);
    if (read.kind === 'too-large')
      return result(
        'not-openai',
        `${url}/models sent more than ${MODEL_LIST_BYTES} bytes: is this the base URL of an OpenAI-compatible server?`,
      );
    const text = read.kind === 'text' ? read.text : '';
    if (response.status === 401 || response.status === 403) {
      return result(
        'auth',
        `${url} refused the API key (${response.status}: ${serverMessage(text)}). ${options.apiKey ? 'Check the key.' : 'This server needs a key (CLI: --api-key-env VAR).'}`,
      );
    }
    if (!response.ok)
      return result(
        'not-openai',
        `${url}/models answered ${response.status} (${serverMessage(text)}): is this the base URL of an OpenAI-compatible server?`,
      );
    const data = asRecord(safeJson(text))?.['data'];
    if (!Array.isArray(data))
      return result(
        'not-openai',
        `${url}/models did not return a model list: is this the base URL of an OpenAI-compatible server?`,
      );
    const entries = data.map(asRecord).filter((m): m is Record<string, unknown> => m !== null);
    const models = entries.map((m) => m['id']).filter((id): id is string => typeof id === 'string');
    const served = entries.find((m) => m['id'] === options.model);
    if (served === undefined) {
      const guess = didYouMean(options.model, models);
      return result(
        'model-not-served',
        `${url} serves ${models.map((m) => `'${m}'`).join(', ') || 'no models'}, not '${options.model}'${guess !== null ? ` — did you mean '${guess}'?` : ''}. Pass the served name (vLLM: --served-model-name).`,
        models,
      );
    }
    const maxModelLen = typeof served['max_model_len'] === 'number' ? served['max_model_len'] : null;
    return result(
      null,
      `${url} serves '${options.model}'${maxModelLen !== null ? ` (context ${maxModelLen} tokens)` : ''}.`,
      models,
      maxModelLen,
    );
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

export function checkEndpoints(urls: readonly string[], options: CheckOptions): Promise<EndpointCheck[]> {
  return Promise.all(urls.map((u) => checkEndpoint(u, options)));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** An opaque no-cors request succeeds when the server is up: then the real failure was CORS. */
async function answersWithoutCors(url: string, doFetch: typeof fetch): Promise<boolean> {
  try {
    await doFetch(`${url}/models`, { mode: 'no-cors', redirect: 'error' });
    return true;
  } catch {
    return false;
  }
}
