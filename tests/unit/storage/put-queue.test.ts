// The batching the fs and IndexedDB stores share (src/storage/put-queue.ts). Both stores also pass the
// ResultStore contract suite (tests/contracts, and tests/browser/idb-result-store.test.ts).
import { describe, expect, it } from 'vitest';
import { createPutQueue } from '../../../src/storage/put-queue';

/** A write whose batches are recorded and finish only when the test says so. */
function gatedWrite() {
  const batches: number[][] = [];
  const gates: { open: () => void; fail: (e: unknown) => void }[] = [];
  const write = (batch: readonly number[]): Promise<void> => {
    batches.push([...batch]);
    return new Promise<void>((resolve, reject) => gates.push({ open: resolve, fail: reject }));
  };
  return { write, batches, gates };
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('put queue', () => {
  it('writes the puts of one synchronous burst as one batch, in order', async () => {
    const w = gatedWrite();
    const q = createPutQueue(w.write);
    const puts = [q.push(1), q.push(2), q.push(3)];
    await settle();
    expect(w.batches).toEqual([[1, 2, 3]]);
    w.gates[0]?.open();
    await Promise.all(puts);
  });

  it('holds puts that arrive during a write for the next batch: writes never overlap', async () => {
    const w = gatedWrite();
    const q = createPutQueue(w.write);
    const first = q.push(1);
    await settle();
    const later = [q.push(2), q.push(3)];
    await settle();
    expect(w.batches).toEqual([[1]]);
    let laterDone = false;
    void Promise.all(later).then(() => (laterDone = true));
    w.gates[0]?.open();
    await first;
    await settle();
    expect(w.batches).toEqual([[1], [2, 3]]);
    expect(laterDone).toBe(false);
    w.gates[1]?.open();
    await Promise.all(later);
  });

  it("rejects a failed batch's puts with its error and still writes the next batch", async () => {
    const w = gatedWrite();
    const q = createPutQueue(w.write);
    const failed = [q.push(1), q.push(2)].map((p) =>
      p.then(
        () => 'ok',
        (e: unknown) => e,
      ),
    );
    await settle();
    const next = q.push(3);
    const error = new Error('quota');
    w.gates[0]?.fail(error);
    expect(await Promise.all(failed)).toEqual([error, error]);
    await settle();
    expect(w.batches).toEqual([[1, 2], [3]]);
    w.gates[1]?.open();
    await expect(next).resolves.toBeUndefined();
  });

  it('drained() waits for every queued and running write, and is immediate when idle', async () => {
    const w = gatedWrite();
    const q = createPutQueue(w.write);
    await q.drained();
    const puts = [q.push(1)];
    let drained = false;
    const waiting = q.drained().then(() => (drained = true));
    await settle();
    puts.push(q.push(2));
    w.gates[0]?.open();
    await settle();
    expect(drained).toBe(false);
    w.gates[1]?.open();
    await waiting;
    await Promise.all(puts);
    expect(w.batches).toEqual([[1], [2]]);
  });
});
