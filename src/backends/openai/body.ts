// Reading an HTTP answer within bounds that hold whatever the server does: a wall-clock deadline for the whole
// attempt, an idle limit between chunks and a byte cap. Each wait is raced against a timer and the caller's signal,
// because an abort does not always reach a body read already in progress (undici): the race returns on time and the
// stream is cancelled behind it. Bytes are counted as read, i.e. after the platform inflated a gzip/br body.

export interface ReadLimits {
  /** performance.now() value by which the whole attempt must be over. */
  deadlineAt: number;
  /** Longest silence between two chunks of a body. */
  idleMs: number;
  /** Most bytes one body may have, counted after decompression. */
  maxBytes: number;
  signal: AbortSignal | undefined;
}

export type Raced<T> =
  | { kind: 'value'; value: T }
  | { kind: 'timeout'; idle: boolean }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown };

/** Waits for `work`, the deadline (or the idle limit, when given), or the caller's abort: whichever comes first. */
export function raceLimits<T>(work: Promise<T>, limits: ReadLimits, idleMs: number | null): Promise<Raced<T>> {
  if (limits.signal?.aborted) {
    work.catch(() => undefined);
    return Promise.resolve({ kind: 'cancelled' });
  }
  const left = Math.max(0, limits.deadlineAt - performance.now());
  const idle = idleMs !== null && idleMs < left;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: Raced<T>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = (): void => finish({ kind: 'cancelled' });
    const timer = setTimeout(() => finish({ kind: 'timeout', idle }), idle && idleMs !== null ? idleMs : left);
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish({ kind: 'value', value }),
      (error: unknown) => finish({ kind: 'error', error }),
    );
  });
}

export type Chunk =
  | { kind: 'chunk'; bytes: Uint8Array }
  | { kind: 'end' }
  | { kind: 'timeout'; idle: boolean }
  | { kind: 'too-large'; bytes: number }
  | { kind: 'cancelled' }
  | { kind: 'error'; error: unknown };

export interface BoundedReader {
  next(): Promise<Chunk>;
  /** Stops the body (without waiting for the platform to agree). */
  cancel(): void;
}

export function boundedReader(body: ReadableStream<Uint8Array>, limits: ReadLimits): BoundedReader {
  const reader = body.getReader();
  let bytes = 0;
  let stopped = false;
  const cancel = (): void => {
    if (stopped) return;
    stopped = true;
    // a stuck read may never settle: do not wait for the cancel either
    reader.cancel().catch(() => undefined);
  };
  return {
    cancel,
    async next() {
      if (stopped) return { kind: 'end' };
      const raced = await raceLimits(reader.read(), limits, limits.idleMs);
      if (raced.kind !== 'value') {
        cancel();
        return raced;
      }
      if (raced.value.done) {
        stopped = true;
        return { kind: 'end' };
      }
      bytes += raced.value.value.byteLength;
      if (bytes > limits.maxBytes) {
        cancel();
        return { kind: 'too-large', bytes };
      }
      return { kind: 'chunk', bytes: raced.value.value };
    },
  };
}

export type TextRead = Exclude<Chunk, { kind: 'chunk' } | { kind: 'end' }> | { kind: 'text'; text: string };

/** The whole body as text, within the limits. */
export async function readTextBounded(body: ReadableStream<Uint8Array> | null, limits: ReadLimits): Promise<TextRead> {
  if (body === null) return { kind: 'text', text: '' };
  const reader = boundedReader(body, limits);
  const decoder = new TextDecoder();
  const parts: string[] = [];
  for (;;) {
    const chunk = await reader.next();
    if (chunk.kind === 'end') break;
    if (chunk.kind !== 'chunk') return chunk;
    parts.push(decoder.decode(chunk.bytes, { stream: true }));
  }
  parts.push(decoder.decode());
  return { kind: 'text', text: parts.join('') };
}
