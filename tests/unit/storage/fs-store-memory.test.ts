// The JSONL store must not keep what it wrote: `npm run soak` found its heap growing by ~0.35 MB per 1,000 items
// (every stored result held in a map for results()), +34 MB over 100k items and unbounded beyond. results() now reads
// the file back. This pins it with results whose outputs are 100 kB each: 40 MB of puts must not stay on the heap.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createFsStore } from '../../../src/storage/fs';
import { contractManifest, contractResult } from '../../contracts/result-store.contract';

// a full GC on demand, without starting the test process with --expose-gc
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('fs store: memory', () => {
  it('keeps no stored result in memory, and results() still returns every one (read from the file)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medvlm-fs-memory-'));
    try {
      const store = createFsStore(join(dir, 'results.jsonl'), { durable: false });
      await store.open(contractManifest());
      const before = heapMb();
      const count = 400;
      for (let start = 0; start < count; start += 50) {
        await Promise.all(
          Array.from({ length: 50 }, (_, k) => {
            const i = start + k;
            // a flat, distinct 100 kB string per result (no shared substring the heap could reuse)
            return store.put(contractResult(`item-${i}`, { output: String(i).padStart(100_000, 'x') }));
          }),
        );
      }
      const grown = heapMb() - before;
      // 400 × 100 kB = 40 MB written; holding them would show as ≥ 38 MB
      expect(grown).toBeLessThan(10);
      const results = await store.results();
      expect(results).toHaveLength(count);
      expect(results.find((r) => r.id === 'item-399')?.output).toBe(String(399).padStart(100_000, 'x'));
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
