// One file over HTTP read by Range requests (a zip's central directory, a parquet footer): the size from HEAD
// (or a one-byte range), each read one `Range: bytes=a-b` GET. Failures become HostProblems (http-errors.ts).
import {
  type FetchContext,
  classifyFetchFailure,
  classifyStatus,
  hostProblemError,
  noRangeProblem,
} from './http-errors';
import { makeRangeReader, type RangeReader } from './range-reader';

export interface HttpRangeOptions extends FetchContext {
  /**
   * A server that ignores Range answers 200 with the whole file. Up to this many bytes that body is kept and
   * served from memory (a small parquet or manifest works anyway); above it the read fails with
   * dataset/no-range instead of downloading gigabytes. Default 32 MiB.
   */
  wholeBodyLimit?: number;
}

export const DEFAULT_WHOLE_BODY_LIMIT = 32 * 1024 * 1024;

/** "bytes 0-0/12345" → 12345; null when absent, unparsable or "*" (CORS may hide the header). */
function totalOfContentRange(header: string | null): number | null {
  const m = header === null ? null : /\/(\d+)\s*$/.exec(header);
  return m?.[1] === undefined ? null : Number(m[1]);
}

function lengthOf(res: Response): number | null {
  const v = res.headers.get('content-length');
  return v === null || !/^\d+$/.test(v) ? null : Number(v);
}

/** Sends one request, turning a rejection or a non-2xx answer into the user-facing error. */
export async function fetchOrExplain(url: string, init: RequestInit, ctx: FetchContext): Promise<Response> {
  const fetchImpl = ctx.fetchImpl ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  try {
    res = await fetchImpl(url, init);
  } catch (e) {
    throw hostProblemError(await classifyFetchFailure(url, e, ctx), e);
  }
  if (!res.ok) {
    void res.body?.cancel().catch(() => undefined);
    throw hostProblemError(classifyStatus(url, res.status, res.statusText));
  }
  return res;
}

export function createHttpRangeReader(url: string, options: HttpRangeOptions = {}): RangeReader {
  const limit = options.wholeBodyLimit ?? DEFAULT_WHOLE_BODY_LIMIT;
  // The whole body, once a server has shown it ignores Range and the file is small enough to keep.
  let whole: Promise<Uint8Array> | null = null;

  /** A 200 to a Range request: keep the body when small, else refuse (and stop the download). */
  const acceptWhole = (res: Response): Promise<Uint8Array> => {
    const length = lengthOf(res);
    if (length === null || length > limit) {
      void res.body?.cancel().catch(() => undefined);
      throw hostProblemError(noRangeProblem(url, length));
    }
    whole ??= res.arrayBuffer().then((b) => new Uint8Array(b));
    return whole;
  };

  async function size(): Promise<number> {
    // HEAD first: no body, and Content-Length is readable even cross-origin. Some hosts refuse HEAD (405):
    // then a one-byte range tells the size through Content-Range.
    const head = await fetchOrExplain(url, { method: 'HEAD' }, options).catch((e: unknown) => {
      if ((e as { kind?: unknown }).kind === 'http-status') return null;
      throw e;
    });
    const headLength = head === null || head.headers.get('content-encoding') !== null ? null : lengthOf(head);
    if (headLength !== null) return headLength;
    const probe = await fetchOrExplain(url, { headers: { Range: 'bytes=0-0' } }, options);
    if (probe.status === 206) {
      void probe.body?.cancel().catch(() => undefined);
      const total = totalOfContentRange(probe.headers.get('content-range'));
      if (total !== null) return total;
      throw hostProblemError(noRangeProblem(url, null));
    }
    return (await acceptWhole(probe)).byteLength;
  }

  async function readRaw(start: number, endExclusive: number): Promise<Uint8Array> {
    if (whole !== null) return (await whole).slice(start, endExclusive);
    const res = await fetchOrExplain(url, { headers: { Range: `bytes=${start}-${endExclusive - 1}` } }, options);
    if (res.status === 206) return new Uint8Array(await res.arrayBuffer());
    return (await acceptWhole(res)).slice(start, endExclusive);
  }

  return makeRangeReader(url, size, readRaw);
}
