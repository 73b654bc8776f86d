import { describe, expect, it } from 'vitest';
import { DEFAULT_WARM_UP, warmUpRequest, warmUpUntilSteady } from '../../../../src/core/run';

/** A runOnce that answers the given latencies in turn, and advances a fake clock by each. */
function scripted(latencies: number[]) {
  let clock = 0;
  let i = 0;
  return {
    now: () => clock,
    runOnce: async () => {
      const ms = latencies[i] ?? latencies.at(-1) ?? 0;
      i += 1;
      clock += ms;
      return ms;
    },
    calls: () => i,
  };
}

describe('warm-up until steady', () => {
  it('with patience 1, stops after the first block whose fastest run is not 10% faster than every block before', async () => {
    // blocks of ≥ 3 runs and ≥ 1000 ms: [1000, 400, 300] fastest 300; [280, 290, 285, 300] (1155 ms) fastest 280,
    // only 7% faster → steady after 7 runs; the later 100s are never run
    const s = scripted([1000, 400, 300, 280, 290, 285, 300, 100, 100]);
    const report = await warmUpUntilSteady(
      s.runOnce,
      { blockRuns: 3, blockMs: 1000, improvement: 0.1, patience: 1 },
      s.now,
    );
    expect(report).toEqual({ runs: 7, latenciesMs: [1000, 400, 300, 280, 290, 285, 300], totalMs: 2855, steady: true });
    expect(s.calls()).toBe(7);
  });

  it('with patience 2, a block with progress between two without resets the count', async () => {
    // blocks of 2 runs (blockMs 0): [100, 100] best 100 · [95, 95] stale 1 · [50, 50] progress, stale 0 ·
    // [48, 49] stale 1 · [47, 47] stale 2 → steady after 10 runs
    const s = scripted([100, 100, 95, 95, 50, 50, 48, 49, 47, 47, 1, 1]);
    const report = await warmUpUntilSteady(
      s.runOnce,
      { blockRuns: 2, blockMs: 0, improvement: 0.1, patience: 2 },
      s.now,
    );
    expect(report.runs).toBe(10);
    expect(report.steady).toBe(true);
  });

  it('does not call a block steady while its runs are spread out (compile threads still preempting them)', async () => {
    // blocks of 4 runs: [100 ×4] best 100 · [98, 180, 200, 150]: fastest no faster, but median 165 > 1.25 × 98 ·
    // [97, 99, 98, 100]: median 98.5 → steady after 12 runs
    const s = scripted([100, 100, 100, 100, 98, 180, 200, 150, 97, 99, 98, 100, 1]);
    const report = await warmUpUntilSteady(
      s.runOnce,
      { blockRuns: 4, blockMs: 0, improvement: 0.1, spread: 0.25, patience: 1 },
      s.now,
    );
    expect(report.runs).toBe(12);
    expect(report.steady).toBe(true);
  });

  it("judges progress by a block's fastest run, so a fast outlier is progress and a slow one is not", async () => {
    // [500, 500] best 500 · [90, 900] fastest 90: progress · [85, 88] within 10% of 90 and close together → steady
    const s = scripted([500, 500, 90, 900, 85, 88, 10]);
    const report = await warmUpUntilSteady(
      s.runOnce,
      { blockRuns: 2, blockMs: 0, improvement: 0.1, patience: 1 },
      s.now,
    );
    expect(report.latenciesMs).toEqual([500, 500, 90, 900, 85, 88]);
    expect(report.steady).toBe(true);
  });

  it('needs a full block of runs and of time before judging', async () => {
    // 10 ms runs: a block needs 100 of them to reach 1000 ms
    const s = scripted([10]);
    const report = await warmUpUntilSteady(s.runOnce, { blockRuns: 3, blockMs: 1000, patience: 1 }, s.now);
    expect(report.runs).toBe(200);
    expect(report.steady).toBe(true);
  });

  it('gives up at maxRuns when every block is still much faster than the last', async () => {
    const s = scripted(Array.from({ length: 50 }, (_, i) => 10_000 * 0.8 ** i));
    const report = await warmUpUntilSteady(s.runOnce, { blockRuns: 1, blockMs: 0, maxRuns: 6, maxMs: Infinity }, s.now);
    expect(report.runs).toBe(6);
    expect(report.steady).toBe(false);
  });

  it('gives up once maxMs has passed, finishing the run in progress', async () => {
    const s = scripted(Array.from({ length: 50 }, (_, i) => 1000 - i * 150));
    const report = await warmUpUntilSteady(s.runOnce, { maxMs: 2000 }, s.now);
    // 1000 + 850 = 1850 < 2000 → a third run starts; after it (2550 ms) no fourth
    expect(report.runs).toBe(3);
    expect(report.totalMs).toBe(2550);
    expect(report.steady).toBe(false);
  });

  it('stops before the next run when asked to (a cancelled run)', async () => {
    const s = scripted([500]);
    let stop = false;
    const report = await warmUpUntilSteady(
      async () => ((stop = true), s.runOnce()),
      {},
      s.now,
      () => stop,
    );
    expect(report.runs).toBe(1);
    expect(report.steady).toBe(false);
  });

  it('has defaults whose caps leave room for the first block and `patience` more', () => {
    const blocks = 1 + DEFAULT_WARM_UP.patience;
    expect(blocks * DEFAULT_WARM_UP.blockMs).toBeLessThan(DEFAULT_WARM_UP.maxMs);
    expect(blocks * DEFAULT_WARM_UP.blockRuns).toBeLessThan(DEFAULT_WARM_UP.maxRuns);
  });
});

describe('the warm-up request', () => {
  it('is the paper prompt over a synthetic PNG picture, greedy, with a few new tokens', async () => {
    const request = await warmUpRequest(4, 200_704);
    expect(request.params).toEqual({ maxNewTokens: 4, temperature: 0, maxPixels: 200_704 });
    const parts = request.messages.flatMap((m) => m.content);
    const image = parts.find((p) => p.type === 'image');
    const text = parts.find((p) => p.type === 'text');
    if (image?.type !== 'image' || text?.type !== 'text') throw new Error('expected one image and one text part');
    const bytes = image.image.bytes;
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = new DataView(bytes.buffer, bytes.byteOffset + 16, 8);
    expect([ihdr.getUint32(0), ihdr.getUint32(4)]).toEqual([112, 112]);
    expect(text.text).toMatch(/A\. CT/);
    expect(text.text).toMatch(/\\boxed/);
  });
});
