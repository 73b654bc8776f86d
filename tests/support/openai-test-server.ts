// A real OpenAI-compatible HTTP server for tests and benches: 127.0.0.1, port 0, scripted answers per item,
// configurable latency, per-item request counters and scheduled faults (status codes, resets, stalls, bad JSON, and
// the hostile answers of hostile-replies.ts: trickle, null/HTML 200, redirect, huge body, gzip bomb).
// Run standalone (bench): `node --import tsx tests/support/openai-test-server.ts --latency-ms 50 [--until-stdin-closes]`
// prints "LISTENING <url>".
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import type { HostileFault } from './hostile-replies';
import { sendHostile } from './hostile-replies';

export type Fault =
  /** Answer with this status (and Retry-After, seconds or a date, when given). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Close the connection before any response. */
  | { kind: 'reset' }
  /** Send the headers and half of a valid body, then cut the connection. */
  | { kind: 'reset-mid-body' }
  /** Answer correctly but only after this long (slower than the client's timeout). */
  | { kind: 'stall'; ms: number }
  /** 200 with a body that is not JSON. */
  | { kind: 'malformed-json' }
  | HostileFault;

export interface ServedRequest {
  /** The item this prompt belongs to (keyOf(promptText)). */
  key: string;
  /** 1-based count of chat requests for this key so far, this one included. */
  attempt: number;
  /** 1-based count of all chat requests. */
  n: number;
  promptText: string;
  images: number;
  body: Record<string, unknown>;
}

export interface Reply {
  text: string;
  finishReason?: 'stop' | 'length';
}

export interface TestServerOptions {
  /** Served model names; the first is the default. */
  models?: string[];
  latencyMs?: number | ((r: ServedRequest) => number);
  respond?: (r: ServedRequest) => string | Reply;
  keyOf?: (promptText: string) => string;
  fault?: (r: ServedRequest) => Fault | undefined;
  /** When set, requests must carry "Authorization: Bearer <apiKey>". */
  apiKey?: string;
  /** When set, CORS headers for this origin. */
  allowOrigin?: string;
}

export interface OpenAITestServer {
  /** Base URL ending in /v1. */
  url: string;
  /** Chat requests received per key (faulted ones included). */
  requests: Map<string, number>;
  /** Successful (200, complete) answers sent per key. */
  answered: Map<string, number>;
  /** Every Authorization header value seen. */
  authorizations: Set<string>;
  total(): number;
  resetCounters(): void;
  close(): Promise<void>;
}

export function promptTextOfBody(body: Record<string, unknown>): { text: string; images: number } {
  const texts: string[] = [];
  let images = 0;
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  for (const m of messages) {
    const content: unknown =
      typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['content'] : undefined;
    if (typeof content === 'string') texts.push(content);
    else if (Array.isArray(content)) {
      for (const part of content) {
        const p = part as Record<string, unknown>;
        if (p['type'] === 'text' && typeof p['text'] === 'string') texts.push(p['text']);
        if (p['type'] === 'image_url') images += 1;
      }
    }
  }
  return { text: texts.join('\n'), images };
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function startOpenAITestServer(options: TestServerOptions = {}): Promise<OpenAITestServer> {
  const models = options.models ?? ['test-model'];
  const requests = new Map<string, number>();
  const answered = new Map<string, number>();
  const authorizations = new Set<string>();
  let total = 0;
  const keyOf = options.keyOf ?? ((t: string) => t);

  const cors = (res: ServerResponse): void => {
    if (options.allowOrigin === undefined) return;
    res.setHeader('access-control-allow-origin', options.allowOrigin);
    res.setHeader('access-control-allow-headers', 'authorization, content-type');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  };
  const json = (res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void => {
    const text = JSON.stringify(value);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    cors(res);
    const auth = req.headers['authorization'];
    if (typeof auth === 'string') authorizations.add(auth);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const path = (req.url ?? '').split('?')[0];
    if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
      await readBody(req);
      // like api.openai.com, echo what was sent: the client must scrub it from anything it shows
      json(res, 401, {
        error: {
          message: `Incorrect API key provided: ${String(auth ?? '(none)').replace(/^Bearer /, '')}`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
        },
      });
      return;
    }
    if (req.method === 'GET' && path === '/v1/models') {
      json(res, 200, {
        object: 'list',
        data: models.map((id) => ({ id, object: 'model', owned_by: 'test', max_model_len: 32768 })),
      });
      return;
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      json(res, 404, { detail: 'Not Found' });
      return;
    }
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    if (!models.includes(String(body['model']))) {
      json(res, 404, {
        object: 'error',
        message: `The model \`${String(body['model'])}\` does not exist.`,
        type: 'NotFoundError',
        code: 404,
      });
      return;
    }
    const { text: promptText, images } = promptTextOfBody(body);
    const key = keyOf(promptText);
    const attempt = (requests.get(key) ?? 0) + 1;
    requests.set(key, attempt);
    total += 1;
    const served: ServedRequest = { key, attempt, n: total, promptText, images, body };
    const fault = options.fault?.(served);
    const latency = typeof options.latencyMs === 'function' ? options.latencyMs(served) : (options.latencyMs ?? 0);
    if (latency > 0) await sleep(latency);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      json(
        res,
        fault.status,
        fault.body !== undefined
          ? { error: { message: fault.body } }
          : { error: { message: `injected ${fault.status}` } },
        fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (
      fault?.kind === 'trickle' ||
      fault?.kind === 'raw' ||
      fault?.kind === 'redirect' ||
      fault?.kind === 'huge' ||
      fault?.kind === 'gzip-bomb'
    ) {
      await sendHostile(res, fault);
      return;
    }
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"id": "x", "choices": [{"message": {"content": "\\boxed{A');
      return;
    }
    if (fault?.kind === 'stall') await sleep(fault.ms);
    if (res.destroyed || req.socket.destroyed) return;
    const raw = options.respond?.(served) ?? 'The answer is \\boxed{A}.';
    const reply: Reply = typeof raw === 'string' ? { text: raw } : raw;
    const maxTokens = typeof body['max_tokens'] === 'number' ? body['max_tokens'] : Infinity;
    let words: string[] = reply.text.match(/\S+\s*/g) ?? [];
    let finish = reply.finishReason ?? 'stop';
    if (words.length > maxTokens) {
      words = words.slice(0, maxTokens);
      finish = 'length';
    }
    const text = words.join('');
    const usage = {
      prompt_tokens: Math.ceil(promptText.length / 4) + 64 * images,
      completion_tokens: words.length,
      total_tokens: 0,
    };
    usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
    const id = `chatcmpl-${total}`;
    if (body['stream'] === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (v: unknown): boolean => res.write(`data: ${JSON.stringify(v)}\n\n`);
      send({
        id,
        object: 'chat.completion.chunk',
        choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }],
      });
      for (const w of words)
        send({
          id,
          object: 'chat.completion.chunk',
          choices: [{ index: 0, delta: { content: w }, finish_reason: null }],
        });
      send({ id, object: 'chat.completion.chunk', choices: [{ index: 0, delta: {}, finish_reason: finish }] });
      send({ id, object: 'chat.completion.chunk', choices: [], usage });
      res.end('data: [DONE]\n\n');
      answered.set(key, (answered.get(key) ?? 0) + 1);
      return;
    }
    const payload = JSON.stringify({
      id,
      object: 'chat.completion',
      model: body['model'],
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }],
      usage,
    });
    if (fault?.kind === 'reset-mid-body') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.write(payload.slice(0, Math.floor(payload.length / 2)), () => res.socket?.destroy());
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
    answered.set(key, (answered.get(key) ?? 0) + 1);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { message: `test server: ${String(e)}` } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    answered,
    authorizations,
    total: () => total,
    resetCounters: () => {
      requests.clear();
      answered.clear();
      total = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Standalone mode for benches: a server in its own process does not steal the measured client's event loop.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--latency-ms');
  const latencyMs = at >= 0 ? Number(process.argv[at + 1]) : 0;
  const server = await startOpenAITestServer({ latencyMs });
  process.stdout.write(`LISTENING ${server.url}\n`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  if (process.argv.includes('--until-stdin-closes')) {
    // the parent holds our stdin: when it dies, however it dies, so do we
    process.stdin.on('end', stop);
    process.stdin.resume();
  }
}
