// The test server's hostile answers (issue 13's probe): a 200 that trickles one byte at a time, a 200 whose body is
// no chat completion (null, HTML), a redirect, an answer far beyond max_tokens, and a gzip bomb. Each writes with
// backpressure and stops when the client goes away, so the server itself stays small and never outlives a test.
import type { ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

export type HostileFault =
  /** 200 and headers at once, then one space every intervalMs (default 1000) until the client hangs up. */
  | { kind: 'trickle'; intervalMs?: number }
  /** 200 with this exact body: e.g. "null", an HTML page, `{"choices":[]}`. */
  | { kind: 'raw'; body: string; contentType?: string }
  /** A redirect (default 302) to `location`. */
  | { kind: 'redirect'; location: string; status?: number }
  /** A valid chat completion whose content is `bytes` characters, whatever max_tokens said; chunked unless declared. */
  | { kind: 'huge'; bytes: number; declareLength?: boolean }
  /** A chat completion that inflates to about `inflatedBytes`, sent gzip-compressed (content-encoding: gzip). */
  | { kind: 'gzip-bomb'; inflatedBytes: number };

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login">Sign in to continue</form></body></html>';
export const HTML_200: HostileFault = { kind: 'raw', body: HTML_PAGE, contentType: 'text/html; charset=utf-8' };

const completionHead =
  '{"id":"chatcmpl-huge","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"';
const completionTail =
  '"},"finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":10,"total_tokens":20}}';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Writes one chunk, waiting for the socket to drain; false once the client has gone. */
async function write(res: ServerResponse, chunk: string | Buffer): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return false;
  if (res.write(chunk)) return true;
  return new Promise((resolve) => {
    const done = (ok: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => done(true);
    const onClose = (): void => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

const bombs = new Map<number, Promise<Buffer>>();
/** The compressed bomb, made once per size by streaming (never holding the inflated text). */
function gzipBomb(inflatedBytes: number): Promise<Buffer> {
  const made = bombs.get(inflatedBytes);
  if (made !== undefined) return made;
  const making = new Promise<Buffer>((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on('data', (d: Buffer) => parts.push(d));
    gzip.on('end', () => resolve(Buffer.concat(parts)));
    gzip.on('error', reject);
    const block = Buffer.alloc(1024 * 1024, 'A');
    let left = Math.max(0, inflatedBytes - completionHead.length - completionTail.length);
    gzip.write(completionHead);
    const pump = (): void => {
      while (left > 0) {
        const piece = left >= block.length ? block : block.subarray(0, left);
        left -= piece.length;
        if (!gzip.write(piece)) {
          gzip.once('drain', pump);
          return;
        }
      }
      gzip.end(completionTail);
    };
    pump();
  });
  bombs.set(inflatedBytes, making);
  return making;
}

export async function sendHostile(res: ServerResponse, fault: HostileFault): Promise<void> {
  switch (fault.kind) {
    case 'trickle': {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.flushHeaders();
      while (await write(res, ' ')) await sleep(fault.intervalMs ?? 1000);
      return;
    }
    case 'raw': {
      res.writeHead(200, {
        'content-type': fault.contentType ?? 'application/json',
        'content-length': Buffer.byteLength(fault.body),
      });
      res.end(fault.body);
      return;
    }
    case 'redirect': {
      res.writeHead(fault.status ?? 302, { location: fault.location, 'content-length': 0 });
      res.end();
      return;
    }
    case 'huge': {
      const size = Math.max(0, fault.bytes);
      res.writeHead(200, {
        'content-type': 'application/json',
        ...(fault.declareLength === true
          ? { 'content-length': completionHead.length + size + completionTail.length }
          : {}),
      });
      if (!(await write(res, completionHead))) return;
      const block = Buffer.alloc(64 * 1024, 'x');
      for (let left = size; left > 0; left -= block.length) {
        if (!(await write(res, left >= block.length ? block : block.subarray(0, left)))) return;
      }
      res.end(completionTail);
      return;
    }
    case 'gzip-bomb': {
      const body = await gzipBomb(fault.inflatedBytes);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'content-length': body.length,
      });
      res.end(body);
      return;
    }
  }
}
