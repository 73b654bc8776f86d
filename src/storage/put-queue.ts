// The batching both durable stores share: puts that arrive while a batch is being written wait and go together in
// the next write, so one append + fsync (fs.ts) or one committed transaction (idb.ts) carries many results, and
// writes never overlap. Each put resolves when its batch was written, or rejects with the batch's error.

interface Entry<T> {
  value: T;
  resolve: () => void;
  reject: (e: unknown) => void;
}

export interface PutQueue<T> {
  /** Queues a value for the next batch; resolves when that batch is written. */
  push(value: T): Promise<void>;
  /** Resolves once nothing is queued or being written (close() waits on it). */
  drained(): Promise<void>;
}

/** `write` gets each batch in arrival order; a throw rejects that batch's puts, and the next batch is still tried. */
export function createPutQueue<T>(write: (batch: readonly T[]) => Promise<void>): PutQueue<T> {
  let pending: Entry<T>[] = [];
  let flushing: Promise<void> | null = null;

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        await write(batch.map((e) => e.value));
        for (const e of batch) e.resolve();
      } catch (error) {
        for (const e of batch) e.reject(error);
      }
    }
    flushing = null;
  };

  return {
    push(value) {
      return new Promise<void>((resolve, reject) => {
        pending.push({ value, resolve, reject });
        // started on a microtask: the puts of one synchronous burst share the first batch too
        flushing ??= Promise.resolve().then(flush);
      });
    },
    async drained() {
      while (flushing !== null) await flushing;
    },
  };
}
