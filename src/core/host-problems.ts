// Why a host could not serve a URL, in words a user can act on: offline or DNS, CORS, 404, 403, no range
// support, another HTTP status. In core so data sources (src/data/http-errors.ts) and model backends
// (src/backends/shared/model-host.ts) say it the same way; core never fetches, so the no-cors probe that tells
// CORS from a dead host is injected (FetchContext.fetchImpl) by those callers.
import { EvalError, type ErrorCode } from './errors';

export type HostProblemKind =
  'offline' | 'unreachable' | 'cors' | 'cors-or-unreachable' | 'not-found' | 'forbidden' | 'no-range' | 'http-status';

export interface HostProblem {
  kind: HostProblemKind;
  /** host[:port], the part of the URL the user can check. */
  host: string;
  url: string;
  status?: number;
  /** One sentence: which host, what happened, what to do. */
  message: string;
}

/** What the classifier may look at; defaults read the running environment (page, worker or Node). */
export interface FetchContext {
  /** Sends the no-cors probe; without it a cross-origin failure is reported as unreachable. */
  fetchImpl?: typeof fetch;
  /** Origin of the page or worker (null in Node: no CORS there). */
  origin?: string | null;
  /** navigator.onLine where it exists. */
  online?: boolean;
  /** globalThis.crossOriginIsolated: under COEP require-corp the no-cors probe itself is blocked. */
  isolated?: boolean;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** The origin a URL is fetched from; a relative URL resolves against the page. */
function originOf(url: string, base: string | null): string | null {
  try {
    return new URL(url, base ?? undefined).origin;
  } catch {
    return null;
  }
}

function environmentOrigin(): string | null {
  const loc = (globalThis as { location?: { origin?: unknown } }).location;
  return typeof loc?.origin === 'string' && loc.origin !== 'null' ? loc.origin : null;
}

function environmentOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator;
  return typeof nav?.onLine === 'boolean' ? nav.onLine : true;
}

/** Node's fetch hides the socket error in `cause` (ENOTFOUND, ECONNREFUSED, …). */
function causeCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === 'object' && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * A fetch that rejected (no HTTP answer at all). In a browser a cross-origin failure is ambiguous — CORS and
 * an unreachable host both surface as "Failed to fetch" — so a `no-cors` probe decides: if the host answers
 * an opaque request, it is up and the missing piece is CORS.
 */
export async function classifyFetchFailure(url: string, error: unknown, ctx: FetchContext = {}): Promise<HostProblem> {
  const host = hostOf(url);
  const online = ctx.online ?? environmentOnline();
  if (!online) {
    return {
      kind: 'offline',
      host,
      url,
      message: `This device is offline, so ${host} cannot be reached: reconnect and try again.`,
    };
  }
  const code = causeCode(error);
  if (code !== null && DNS.has(code))
    return {
      kind: 'unreachable',
      host,
      url,
      message: `${host} cannot be reached: its name does not resolve (DNS ${code}); check the URL's spelling and your network.`,
    };
  if (code === 'ECONNREFUSED')
    return {
      kind: 'unreachable',
      host,
      url,
      message: `${host} cannot be reached: nothing accepts connections there (connection refused); is the server running, on that port?`,
    };
  if (code !== null && TIMEOUT.has(code))
    return {
      kind: 'unreachable',
      host,
      url,
      message: `${host} cannot be reached: the connection timed out; check the host and your network, then try again.`,
    };

  const origin = ctx.origin === undefined ? environmentOrigin() : ctx.origin;
  const crossOrigin = origin !== null && originOf(url, origin) !== origin;
  const fetchImpl = ctx.fetchImpl;
  if (crossOrigin && origin !== null && fetchImpl !== undefined) {
    const reachable = await fetchImpl(url, { method: 'HEAD', mode: 'no-cors', cache: 'no-store' }).then(
      () => true,
      () => false,
    );
    if (reachable) return corsProblem(url, origin);
    // A cross-origin-isolated page (COEP require-corp, as this app is served) blocks the opaque probe too,
    // unless the host sends Cross-Origin-Resource-Policy: the two causes cannot be told apart from here.
    const isolated = ctx.isolated ?? (globalThis as { crossOriginIsolated?: unknown }).crossOriginIsolated === true;
    if (isolated) return corsOrUnreachableProblem(url, origin);
  }
  const detail = [error instanceof Error ? error.message : '', code ?? ''].filter((x) => x !== '').join(', ');
  const why = ` (fetching ${url}${detail !== '' ? `: ${detail}` : ''})`;
  return {
    kind: 'unreachable',
    host,
    url,
    message: `${host} cannot be reached${why}: you may be offline, the name may not resolve, or the server is down; check the URL and try again.`,
  };
}

export function corsProblem(url: string, origin: string): HostProblem {
  const host = hostOf(url);
  return {
    kind: 'cors',
    host,
    url,
    message:
      `${host} answered, but its response is blocked by CORS for this page (${origin}): the server must send ` +
      `'Access-Control-Allow-Origin: ${origin}' (or '*') and 'Access-Control-Expose-Headers: Content-Range, Accept-Ranges, Content-Length' ` +
      `for range reads. Or download the file and pick it from disk.`,
  };
}

function corsOrUnreachableProblem(url: string, origin: string): HostProblem {
  const host = hostOf(url);
  return {
    kind: 'cors-or-unreachable',
    host,
    url,
    message:
      `${host} did not answer this page (${origin}): either it does not allow it by CORS — the server must send ` +
      `'Access-Control-Allow-Origin: ${origin}' (or '*') and 'Access-Control-Expose-Headers: Content-Range, Accept-Ranges, Content-Length' — ` +
      `or it cannot be reached (offline, DNS, server down). Open ${url} in a new tab: if it loads there, it is CORS.`,
  };
}

/** An HTTP answer that is not 2xx. */
export function classifyStatus(url: string, status: number, statusText = ''): HostProblem {
  const host = hostOf(url);
  const code = [status, statusText].filter((x) => x !== '').join(' ');
  if (status === 404 || status === 410)
    return {
      kind: 'not-found',
      host,
      url,
      status,
      message: `${url} is not on ${host} (HTTP ${code}): check the path (a Hugging Face file URL reads https://huggingface.co/datasets/<repo>/resolve/<revision>/<file>).`,
    };
  if (status === 401 || status === 403)
    return {
      kind: 'forbidden',
      host,
      url,
      status,
      message: `${host} refused access to ${url} (HTTP ${code}): the file is private or gated; use a public URL, or download it and pick the file from disk.`,
    };
  return {
    kind: 'http-status',
    host,
    url,
    status,
    message: `${host} answered HTTP ${code} for ${url}: ${status >= 500 ? 'the server failed; try again later' : 'check the URL'}.`,
  };
}

/** The server sent the whole file to a Range request, and it is too big to keep in memory. */
export function noRangeProblem(url: string, bytes: number | null): HostProblem {
  const host = hostOf(url);
  const size = bytes === null ? 'of unknown size' : `of ${formatBytes(bytes)}`;
  return {
    kind: 'no-range',
    host,
    url,
    message:
      `${host} does not support HTTP range requests for ${url} (it answered with the whole file, ${size}): ` +
      `serve it from a host that does (most static servers, S3 and Hugging Face do), or download it and pick the file from disk.`,
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i] ?? 'TB'}`;
}

const DATA_HOST_CODES: Readonly<Record<HostProblemKind, ErrorCode>> = Object.freeze({
  offline: 'dataset/offline',
  unreachable: 'dataset/unreachable',
  cors: 'dataset/cors',
  'cors-or-unreachable': 'dataset/cors-or-unreachable',
  'not-found': 'dataset/not-found',
  forbidden: 'dataset/forbidden',
  'no-range': 'dataset/no-range',
  'http-status': 'dataset/http',
});

/** A data host's problem as an EvalError (`dataset/cors`, `dataset/not-found`, …), with the host and kind. */
export function hostProblemError(problem: HostProblem, cause?: unknown): EvalError {
  return Object.assign(new EvalError(DATA_HOST_CODES[problem.kind], problem.message, cause), {
    host: problem.host,
    kind: problem.kind,
  });
}
