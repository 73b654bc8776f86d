// Why a model file could not be fetched (404, 403, CORS, offline), named by its URL. transformers.js says
// "Could not locate file: <url>" for a remote 404 but, for a local model path or a fetch that rejected, only
// "not found locally at <url>" or "Failed to fetch" — and a load failure on WebGPU was then taken for a WebGPU
// init failure (and retried on wasm). So on a load failure we ask the file's host once ourselves (a HEAD, a
// simple request with no CORS preflight) and report what it answered, with the classification data hosts use.
import { EvalError } from '../../core/errors';
import { classifyFetchFailure, classifyStatus, type FetchContext, type HostProblem } from '../../core/host-problems';

/**
 * The http(s) URL a loader's error message names, if any (transformers.js quotes it), made absolute: a served
 * model's base URL is scheme-relative ("//host/path/", see app/lib/pure/run-plan.ts localPathOf).
 */
export function fileUrlIn(message: string, base: string | undefined = pageHref()): string | null {
  const m = /((?:https?:)?\/\/[^\s"'`]+)/.exec(message);
  const found = m?.[1]?.replace(/[.,;:)]+$/, '');
  if (found === undefined) return null;
  if (/^https?:/.test(found)) return found;
  try {
    return new URL(found, base ?? 'https://x').href;
  } catch {
    return null;
  }
}

function pageHref(): string | undefined {
  const loc = (globalThis as { location?: { href?: unknown } }).location;
  return typeof loc?.href === 'string' ? loc.href : undefined;
}

/** What to do about one kind of failure, for a model (the data hosts' wording speaks of datasets). */
function advice(problem: HostProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return 'check the model id or the base URL (the folder must hold config.json, the tokenizer files and onnx/<graph>_<dtype>.onnx for each graph), or pick another dtype';
    case 'forbidden':
      return 'the model is private or gated: use a public copy, or serve the files yourself';
    default:
      return 'check the URL and try again';
  }
}

/** The EvalError for a model file's host problem: backend/model-not-found for 404/410, else backend/model-files. */
export function modelHostError(model: string, problem: HostProblem, cause?: unknown): EvalError {
  const message =
    problem.status !== undefined
      ? `${problem.url} answered ${problem.status} (${problem.kind === 'not-found' ? 'not found' : problem.kind === 'forbidden' ? 'forbidden' : 'HTTP error'}) while loading "${model}": ${advice(problem)}.`
      : `While loading "${model}": ${problem.message}`;
  const code = problem.kind === 'not-found' ? 'backend/model-not-found' : 'backend/model-files';
  return Object.assign(new EvalError(code, message, cause), {
    host: problem.host,
    kind: problem.kind,
    url: problem.url,
  });
}

/**
 * Asks the host of `url` what it says now: a HostProblem when it answers non-2xx or not at all, null when
 * the file is there (the load failed for another reason). A 405 to HEAD proves nothing, so it counts as there.
 */
export async function probeModelFile(url: string, ctx: FetchContext = {}): Promise<HostProblem | null> {
  const fetchImpl = ctx.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  try {
    res = await fetchImpl(url, { method: 'HEAD', cache: 'no-store' });
  } catch (e) {
    return classifyFetchFailure(url, e, { ...ctx, fetchImpl });
  }
  if (res.ok || res.status === 405) return null;
  return classifyStatus(url, res.status, res.statusText);
}

/**
 * A load failure that is really a model host's problem, as backend/model-not-found or backend/model-files;
 * null when no file URL is named or its host serves it (then the caller keeps its own mapping).
 * `lastFailedUrl` covers a fetch that rejected with a message naming no URL.
 */
export async function explainModelLoadFailure(
  model: string,
  error: unknown,
  lastFailedUrl: string | null = null,
  ctx: FetchContext = {},
): Promise<EvalError | null> {
  const message = error instanceof Error ? error.message : String(error);
  const url = fileUrlIn(message) ?? lastFailedUrl;
  if (url === null) return null;
  const problem = await probeModelFile(url, ctx);
  return problem === null ? null : modelHostError(model, problem, error);
}
