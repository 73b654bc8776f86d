// A tiny static file server on 127.0.0.1 for data-source tests: serves a folder (and in-memory files) with
// HTTP Range support, CORS headers, or deliberately without either; counts the body bytes it sends.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve, sep } from 'node:path';

export interface StaticServerOptions {
  /** Folder served at '/'; in-memory `files` win over it. */
  root?: string;
  files?: Record<string, Uint8Array>;
  /** Send Access-Control-Allow-Origin / Expose-Headers (default true). */
  cors?: boolean;
  /** Honour Range (default true); false answers every GET with the whole file (200). */
  ranges?: boolean;
  /** Answer HEAD with 405 (some hosts do), to exercise the one-byte range probe. */
  refuseHead?: boolean;
  /** Paths answered with a fixed status (e.g. 403). */
  status?: Record<string, number>;
  /** Content-Type by file extension, as a web host sends it (default: everything application/octet-stream). */
  mime?: boolean;
  /** A path ending in '/' serves this file of that folder (e.g. 'index.html'), as web hosts do. */
  indexFile?: string;
  /** Paths answered with a 302 to another URL (e.g. a file moved to another host). */
  redirects?: Record<string, string>;
}

const MIME: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript',
  mjs: 'text/javascript',
  css: 'text/css',
  json: 'application/json',
  svg: 'image/svg+xml',
  wasm: 'application/wasm',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  md: 'text/markdown; charset=utf-8',
};

export interface StaticServer {
  url: string;
  /** Body bytes sent so far, and GET/HEAD requests seen. */
  bytesSent(): number;
  requests(): { method: string; path: string; range: string | null }[];
  reset(): void;
  close(): Promise<void>;
}

function parseRange(header: string, size: number): [number, number] | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (m === null) return null;
  const [, a = '', b = ''] = m;
  if (a === '' && b === '') return null;
  if (a === '') return [Math.max(0, size - Number(b)), size - 1];
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  return start > end || start >= size ? null : [start, end];
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const cors = options.cors ?? true;
  const ranges = options.ranges ?? true;
  const root = options.root === undefined ? null : resolve(options.root);
  let sent = 0;
  let seen: { method: string; path: string; range: string | null }[] = [];

  const lookup = (
    path: string,
  ): { size: number; body: (s: number, e: number) => NodeJS.ReadableStream | Uint8Array } | null => {
    const mem = options.files?.[path];
    if (mem !== undefined) return { size: mem.byteLength, body: (s, e) => mem.subarray(s, e + 1) };
    if (root === null) return null;
    const full = resolve(join(root, path));
    if (!full.startsWith(root + sep) || !existsSync(full) || !statSync(full).isFile()) return null;
    return { size: statSync(full).size, body: (s, e) => createReadStream(full, { start: s, end: e }) };
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    const range = req.headers.range ?? null;
    seen.push({ method: req.method ?? '', path, range });
    if (cors) {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Expose-Headers', 'Content-Range, Accept-Ranges, Content-Length');
      // A cross-origin-isolated page (COEP require-corp, how the app is served) also needs CORP on each response.
      res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    }
    if (req.method === 'OPTIONS') {
      if (cors) {
        res.setHeader('Access-Control-Allow-Headers', 'Range');
        res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      }
      res.writeHead(204).end();
      return;
    }
    const moved = options.redirects?.[path];
    if (moved !== undefined) return void res.writeHead(302, { Location: moved }).end();
    const fixed = options.status?.[path];
    if (fixed !== undefined) return void res.writeHead(fixed, { 'Content-Type': 'text/plain' }).end('no');
    if (req.method === 'HEAD' && options.refuseHead === true) return void res.writeHead(405).end();
    const served =
      options.indexFile !== undefined && (path === '' || path.endsWith('/')) ? path + options.indexFile : path;
    const file = lookup(served);
    if (file === null) return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    if (ranges) res.setHeader('Accept-Ranges', 'bytes');
    let [start, end] = [0, file.size - 1];
    let status = 200;
    if (ranges && range !== null) {
      const r = parseRange(range, file.size);
      if (r === null) return void res.writeHead(416, { 'Content-Range': `bytes */${file.size}` }).end();
      [start, end] = r;
      status = 206;
      res.setHeader('Content-Range', `bytes ${start}-${end}/${file.size}`);
    }
    const type =
      (options.mime === true ? MIME[served.split('.').at(-1) ?? ''] : undefined) ?? 'application/octet-stream';
    res.writeHead(status, { 'Content-Length': String(end - start + 1), 'Content-Type': type });
    if (req.method === 'HEAD' || file.size === 0) return void res.end();
    const body = file.body(start, end);
    if (body instanceof Uint8Array) {
      sent += body.byteLength;
      res.end(body);
      return;
    }
    body.on('data', (chunk: Buffer) => void (sent += chunk.byteLength));
    body.pipe(res);
  };

  const server = createServer(handle);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    bytesSent: () => sent,
    requests: () => seen,
    reset: () => {
      sent = 0;
      seen = [];
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
