// The IndexedDB store keeps no copy of what it stored: results() reads the run back from the database (the soak,
// bench/soak-browser.ts, found ~0.35 MB of heap per 1,000 items held in a per-handle map). So results() is what the
// database holds — including what another handle (another tab, a resumed session) wrote to the same run.
import { describe, expect, it } from 'vitest';
import { createIdbStore, deleteResultsDatabase } from '../../src/storage/idb';
import { contractManifest, contractResult } from '../contracts/result-store.contract';

describe('idb store: results() is the database, not a copy in memory', () => {
  it("includes another handle's results for the same run, one per id, the latest", async () => {
    const dbName = `medvlm-test-${crypto.randomUUID()}`;
    try {
      const a = createIdbStore({ dbName });
      const b = createIdbStore({ dbName });
      await a.open(contractManifest());
      await b.open(contractManifest());
      await a.put(contractResult('x'));
      await b.put(contractResult('y'));
      await b.put(contractResult('x', { latencyMs: 7 }));
      const seen = await a.results();
      expect(seen.map((r) => r.id).sort()).toEqual(['x', 'y']);
      expect(seen.find((r) => r.id === 'x')?.latencyMs).toBe(7);
      await a.close();
      await b.close();
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });
});
