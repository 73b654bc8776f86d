// A small OpenAI-compatible /v1/embeddings server for tests and the classifier bench: 127.0.0.1, port 0, chat-style
// `messages` in (as vLLM's pooling server takes for gme-Qwen2-VL), a scripted vector per text out, with scheduled
// faults (status + Retry-After, connection reset, malformed JSON) and per-text request counters.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promptTextOfBody } from './openai-test-server';

export type EmbeddingFault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'reset' }
  | { kind: 'malformed-json' };

export interface EmbeddingRequest {
  text: string;
  images: number;
  /** 1-based count of requests for this text so far. */
  attempt: number;
  body: Record<string, unknown>;
}

export interface EmbeddingsServerOptions {
  model?: string;
  vectorOf: (r: EmbeddingRequest) => number[];
  fault?: (r: EmbeddingRequest) => EmbeddingFault | undefined;
  apiKey?: string;
}

export interface EmbeddingsTestServer {
  url: string;
  /** Requests per text (faulted ones included). */
  requests: Map<string, number>;
  bodies: Record<string, unknown>[];
  authorizations: Set<string>;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export async function startEmbeddingsTestServer(options: EmbeddingsServerOptions): Promise<EmbeddingsTestServer> {
  const model = options.model ?? 'Alibaba-NLP/gme-Qwen2-VL-2B-Instruct';
  const requests = new Map<string, number>();
  const bodies: Record<string, unknown>[] = [];
  const authorizations = new Set<string>();
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
    const auth = req.headers['authorization'];
    if (typeof auth === 'string') authorizations.add(auth);
    const raw = await readBody(req);
    if (options.apiKey !== undefined && auth !== `Bearer ${options.apiKey}`) {
      json(res, 401, {
        error: { message: `Incorrect API key provided: ${String(auth ?? '(none)').replace(/^Bearer /, '')}` },
      });
      return;
    }
    if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
      json(res, 404, { detail: 'Not Found' });
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    bodies.push(body);
    if (body['model'] !== model) {
      json(res, 404, { object: 'error', message: `The model \`${String(body['model'])}\` does not exist.` });
      return;
    }
    const { text, images } = promptTextOfBody(body);
    const attempt = (requests.get(text) ?? 0) + 1;
    requests.set(text, attempt);
    const r: EmbeddingRequest = { text, images, attempt, body };
    const fault = options.fault?.(r);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      json(
        res,
        fault.status,
        { error: { message: fault.body ?? `injected ${fault.status}` } },
        fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {},
      );
      return;
    }
    if (fault?.kind === 'malformed-json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data": [{"embedding": [0.1, ');
      return;
    }
    json(res, 200, {
      object: 'list',
      model,
      data: [{ object: 'embedding', index: 0, embedding: options.vectorOf(r) }],
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    bodies,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
