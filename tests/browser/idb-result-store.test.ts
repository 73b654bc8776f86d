// The IndexedDB ResultStore in real Chromium: the shared ResultStore contract, many runs in one database,
// JSONL export, the v1 → v3 and v2 → v3 upgrades of databases built by hand, and quota errors that lose nothing.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { parseResultsJsonl, serializeManifest, serializeResult } from '../../src/core/results';
import { runIdentityOf } from '../../src/core/run';
import type { ItemResult, RunManifest } from '../../src/core/types';
import { createIdbStore, deleteResultsDatabase, RESULTS_DB_VERSION, type RunKey } from '../../src/storage/idb';
import type { ResultsDb } from '../../src/storage/idb-schema';
import { contractManifest, contractResult, describeResultStoreContract } from '../contracts/result-store.contract';

const freshName = (): string => `medvlm-test-${crypto.randomUUID()}`;
const CONTRACT_RUN: RunKey = runIdentityOf(contractManifest());

/** Result ids of one run, read with a separate connection and no store code. */
async function idsInDatabase(dbName: string, run: RunKey = CONTRACT_RUN): Promise<string[]> {
  const db = await openDB(dbName);
  try {
    const all = (await db.getAll('results')) as (RunKey & { id: string })[];
    return all
      .filter(
        (r) =>
          r.model === run.model &&
          r.benchmark === run.benchmark &&
          r.variant === run.variant &&
          r.data === run.data &&
          r.sample === run.sample,
      )
      .map((r) => r.id);
  } finally {
    db.close();
  }
}

describeResultStoreContract('idb (IndexedDB in Chromium)', async () => {
  const dbName = freshName();
  return {
    open: () => createIdbStore({ dbName, run: CONTRACT_RUN }),
    // one database holds every run: a handle bound to the other run's identity
    openFor: (m) => createIdbStore({ dbName, run: runIdentityOf(m) }),
    readStorage: () => idsInDatabase(dbName),
    cleanup: () => deleteResultsDatabase(dbName),
  };
});

describe('idb store: many runs in one database', () => {
  it('keeps runs of two models apart, lists, exports and deletes them', async () => {
    const dbName = freshName();
    try {
      const runA = contractManifest();
      const runB = contractManifest({ model: 'lingshu-7b', backendModel: 'lingshu-medical-mllm/Lingshu-7B' });
      const a = createIdbStore({ dbName });
      const b = createIdbStore({ dbName });
      await a.open(runA);
      await b.open(runB);
      const resultsA = [contractResult('x'), contractResult('y', { letter: 'B', correct: false })];
      const resultsB = [
        contractResult('x', { model: 'lingshu-7b', output: 'other \\boxed{B}', letter: 'B', correct: false }),
      ];
      for (const r of resultsA) await a.put(r);
      for (const r of resultsB) await b.put(r);
      expect((await a.results()).map((r) => r.id).sort()).toEqual(['x', 'y']);
      expect(await b.results()).toEqual(resultsB);

      const runs = await a.listRuns();
      expect(runs.map((r) => `${r.key.model}:${r.resultCount}`).sort()).toEqual(['lingshu-7b:1', 'qwen2.5-vl-7b:2']);
      expect(runs.find((r) => r.key.model === 'lingshu-7b')?.manifest).toEqual(runB);

      const keyB = runIdentityOf(runB);
      const jsonl = await a.exportRun(CONTRACT_RUN);
      const lines = jsonl.trimEnd().split('\n');
      expect(lines.slice(1).map((l) => `${l}\n`)).toEqual(resultsA.map(serializeResult));
      const parsed = parseResultsJsonl(jsonl, 'export.jsonl');
      expect(parsed.problems).toEqual([]);
      expect({ ...parsed.runs[0]?.manifest, updatedAt: undefined }).toEqual({ ...runA, updatedAt: undefined });
      expect(parsed.runs[0]?.results).toEqual(resultsA);
      // the page reads a run as it is stored, with what its export would parse back to
      expect(await a.loadRun(CONTRACT_RUN)).toEqual(parsed.runs[0]);
      await expect(a.loadRun({ ...CONTRACT_RUN, model: 'nobody' })).rejects.toMatchObject({
        code: 'store/no-such-run',
      });

      await expect(a.deleteRun(CONTRACT_RUN)).rejects.toMatchObject({ code: 'store/in-use' });
      await b.close();
      await a.deleteRun(keyB);
      expect((await a.listRuns()).map((r) => r.key.model)).toEqual(['qwen2.5-vl-7b']);
      expect(await idsInDatabase(dbName, keyB)).toEqual([]);
      expect((await idsInDatabase(dbName)).sort()).toEqual(['x', 'y']);
      await expect(a.exportRun(keyB)).rejects.toMatchObject({
        code: 'store/no-such-run',
      });
      await a.close();
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });
});

/** Builds a version-1 database with the raw IndexedDB API, exactly as version 1 of the app laid it out. */
function createV1Database(
  dbName: string,
  manifests: { runKey: string; manifest: RunManifest | null }[],
  items: { runKey: string; result: ItemResult }[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      const m = db.createObjectStore('manifests', { keyPath: 'runKey' });
      const it = db.createObjectStore('items', { keyPath: ['runKey', 'id'] });
      for (const entry of manifests) m.put(entry);
      for (const item of items) it.put({ runKey: item.runKey, id: item.result.id, result: item.result });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

/** Builds a version-2 database with the raw IndexedDB API, exactly as version 2 of the app laid it out. */
function createV2Database(
  dbName: string,
  runs: { model: string; benchmark: string; variant: string; manifest: RunManifest | null; updatedAt: string }[],
  results: { model: string; benchmark: string; variant: string; id: string; result: ItemResult }[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 2);
    request.onupgradeneeded = () => {
      const db = request.result;
      const r = db.createObjectStore('runs', { keyPath: ['model', 'benchmark', 'variant'] });
      const res = db.createObjectStore('results', { keyPath: ['model', 'benchmark', 'variant', 'id'] });
      res.createIndex('byRun', ['model', 'benchmark', 'variant']);
      for (const run of runs) r.put(run);
      for (const result of results) res.put(result);
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function storeNamesAndVersion(dbName: string): Promise<{ version: number; stores: string[] }> {
  const db = await openDB(dbName);
  try {
    return { version: db.version, stores: [...db.objectStoreNames].sort() };
  } finally {
    db.close();
  }
}

describe('idb store: schema upgrades', () => {
  it('upgrades a hand-made v1 database to the current version, keeping every run and result', async () => {
    const dbName = freshName();
    try {
      const m1 = contractManifest();
      // a variant containing the old separator: v2 keys come from the manifest, not from splitting the string
      const m2 = contractManifest({ model: 'lingshu-7b', variant: 'test|hard' });
      const r1 = [contractResult('a'), contractResult('b', { error: { code: 'backend/timeout', message: 'slow' } })];
      const r2 = [contractResult('a', { model: 'lingshu-7b', variant: 'test|hard', letter: 'B', correct: false })];
      await createV1Database(
        dbName,
        [
          { runKey: 'qwen2.5-vl-7b|vqa-rad|test', manifest: m1 },
          { runKey: 'lingshu-7b|vqa-rad|test|hard', manifest: m2 },
        ],
        [
          ...r1.map((result) => ({ runKey: 'qwen2.5-vl-7b|vqa-rad|test', result })),
          ...r2.map((result) => ({ runKey: 'lingshu-7b|vqa-rad|test|hard', result })),
          { runKey: 'orphan|vqa-rad|test', result: contractResult('lost') },
        ],
      );
      expect(await storeNamesAndVersion(dbName)).toEqual({ version: 1, stores: ['items', 'manifests'] });

      const store = createIdbStore({ dbName });
      const runs = await store.listRuns();
      expect(runs.map((r) => [r.key.model, r.key.variant, r.resultCount]).sort()).toEqual([
        ['lingshu-7b', 'test|hard', 1],
        ['qwen2.5-vl-7b', 'test', 2],
      ]);
      expect(await storeNamesAndVersion(dbName).catch(() => null)).toEqual({
        version: RESULTS_DB_VERSION,
        stores: ['results', 'runs'],
      });
      const resumed = await store.open(m1);
      expect([...resumed].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(r1);
      await store.put(contractResult('c'));
      await store.close();
      const exported = await store.exportRun(runIdentityOf(m2));
      expect(exported.split('\n').slice(1).join('\n')).toBe(r2.map(serializeResult).join(''));
      expect(JSON.parse(exported.split('\n')[0] ?? '')).toMatchObject(JSON.parse(serializeManifest(m2)) as object);
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });

  it('a failed upgrade leaves the v1 database as it was and says what to do', async () => {
    const dbName = freshName();
    try {
      // a manifest record without its manifest cannot be keyed: the migration must abort, not half-apply
      await createV1Database(
        dbName,
        [{ runKey: 'broken', manifest: null }],
        [{ runKey: 'broken', result: contractResult('a') }],
      );
      const store = createIdbStore({ dbName });
      const error = await store.listRuns().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'store/upgrade' });
      expect(String((error as Error).message)).toMatch(/export|delete/i);
      expect(await storeNamesAndVersion(dbName)).toEqual({ version: 1, stores: ['items', 'manifests'] });
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });

  it('upgrades a hand-made v2 database holding runs to v3: every run keyed by its data and sample, nothing lost', async () => {
    const dbName = freshName();
    try {
      const demo = contractManifest();
      const sampled = contractManifest({
        model: 'lingshu-7b',
        dataHash: 'f'.repeat(64),
        sample: { seed: 3, size: '2', strata: ['organ'], n: 2, population: 251, itemIdsHash: 's'.repeat(64) },
      });
      const rDemo = [contractResult('a'), contractResult('b', { error: { code: 'backend/timeout', message: 'slow' } })];
      const rSampled = [contractResult('a', { model: 'lingshu-7b', letter: 'B', correct: false })];
      const v2Run = (m: RunManifest, updatedAt: string) => ({
        model: m.model,
        benchmark: m.benchmark,
        variant: m.variant,
        manifest: m,
        updatedAt,
      });
      const v2Result = (m: RunManifest, result: ItemResult) => ({
        model: m.model,
        benchmark: m.benchmark,
        variant: m.variant,
        id: result.id,
        result,
      });
      await createV2Database(
        dbName,
        [v2Run(demo, '2026-03-01T10:00:00.000Z'), v2Run(sampled, '2026-03-02T10:00:00.000Z')],
        [
          ...rDemo.map((r) => v2Result(demo, r)),
          ...rSampled.map((r) => v2Result(sampled, r)),
          // a result whose run record is gone: as in v1 → v2, it cannot be resumed or exported and is dropped
          v2Result(contractManifest({ model: 'orphan' }), contractResult('lost')),
        ],
      );
      expect(await storeNamesAndVersion(dbName)).toEqual({ version: 2, stores: ['results', 'runs'] });

      const store = createIdbStore({ dbName });
      const runs = await store.listRuns();
      expect(runs.map((r) => [r.key, r.resultCount, r.updatedAt])).toEqual([
        [runIdentityOf(sampled), 1, '2026-03-02T10:00:00.000Z'],
        [runIdentityOf(demo), 2, '2026-03-01T10:00:00.000Z'],
      ]);
      expect(runIdentityOf(sampled).sample).toMatch(/^sample n=2 seed 3/);
      expect(await storeNamesAndVersion(dbName)).toEqual({ version: RESULTS_DB_VERSION, stores: ['results', 'runs'] });
      expect(RESULTS_DB_VERSION).toBe(3);
      expect(await store.loadRun(runIdentityOf(sampled))).toEqual({
        manifest: { ...sampled, updatedAt: '2026-03-02T10:00:00.000Z' },
        results: rSampled,
      });
      // the migrated demo run resumes as it was, and the full release's run of the same model × benchmark × variant
      // now opens beside it instead of being refused
      const resumed = await store.open(demo);
      expect([...resumed].sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(rDemo);
      await store.close();
      const full = contractManifest({ dataHash: 'e'.repeat(64) });
      const fullStore = createIdbStore({ dbName, run: runIdentityOf(full) });
      expect(await fullStore.open(full)).toEqual([]);
      await fullStore.put(contractResult('a'));
      await fullStore.close();
      expect((await store.listRuns()).map((r) => [r.key.model, r.key.data.slice(0, 1), r.resultCount]).sort()).toEqual([
        ['lingshu-7b', 'f', 1],
        ['qwen2.5-vl-7b', 'd', 2],
        ['qwen2.5-vl-7b', 'e', 1],
      ]);
      expect((await idsInDatabase(dbName)).sort()).toEqual(['a', 'b']);
      await store.close();
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });

  it('a failed v2 → v3 upgrade leaves the v2 database as it was and says what to do', async () => {
    const dbName = freshName();
    try {
      const good = contractManifest();
      await createV2Database(
        dbName,
        [
          { model: good.model, benchmark: good.benchmark, variant: good.variant, manifest: good, updatedAt: 'x' },
          // a run record without its manifest has no data hash to be keyed by: the step must abort, not half-apply
          { model: 'broken', benchmark: 'vqa-rad', variant: 'test', manifest: null, updatedAt: 'x' },
        ],
        [{ model: good.model, benchmark: good.benchmark, variant: good.variant, id: 'a', result: contractResult('a') }],
      );
      const error = await createIdbStore({ dbName })
        .listRuns()
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toMatchObject({ code: 'store/upgrade' });
      expect(await storeNamesAndVersion(dbName)).toEqual({ version: 2, stores: ['results', 'runs'] });
      const db = await openDB(dbName);
      try {
        expect(await db.count('runs')).toBe(2);
        expect(await db.count('results')).toBe(1);
      } finally {
        db.close();
      }
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });
});

/** Wraps the database so that `results` puts fail like a full disk once `budget.left` reaches zero. */
function quotaAfter(budget: { left: number }): (db: ResultsDb) => ResultsDb {
  const wrapStore = (store: object, tx: { abort(): void }): object =>
    new Proxy(store, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop !== 'put' || typeof value !== 'function')
          return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]): Promise<unknown> => {
          if (budget.left <= 0) {
            // a real quota failure aborts the whole transaction: nothing of this batch is committed
            tx.abort();
            return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
          }
          budget.left -= 1;
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      },
    });
  const wrapTx = (tx: object & { abort(): void }): object =>
    new Proxy(tx, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === 'objectStore' && typeof value === 'function') {
          return (name: string) => {
            const store = (value as (n: string) => object).call(target, name);
            return name === 'results' ? wrapStore(store, target) : store;
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  return (db) =>
    new Proxy(db, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (prop === 'transaction' && typeof value === 'function') {
          return (...args: unknown[]) =>
            wrapTx((value as (...a: unknown[]) => object & { abort(): void }).apply(target, args));
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
}

describe('idb store: quota', () => {
  it('surfaces QuotaExceededError as store/quota, keeps what was stored, and works again once space is freed', async () => {
    const dbName = freshName();
    try {
      const budget = { left: 2 };
      const store = createIdbStore({ dbName, wrapDatabase: quotaAfter(budget) });
      await store.open(contractManifest());
      await store.put(contractResult('a'));
      await store.put(contractResult('b'));
      const error = await store.put(contractResult('c')).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'store/quota' });
      const message = (error as Error).message;
      expect(message).toMatch(/export/i);
      expect(message).toMatch(/delete old runs/i);
      expect(message).toMatch(/nothing stored so far was lost/i);
      expect((await idsInDatabase(dbName)).sort()).toEqual(['a', 'b']);
      expect((await store.results()).map((r) => r.id).sort()).toEqual(['a', 'b']);
      const other = createIdbStore({ dbName });
      expect((await other.open(contractManifest())).map((r) => r.id).sort()).toEqual(['a', 'b']);
      await other.close();
      budget.left = 10;
      await store.put(contractResult('c'));
      expect((await idsInDatabase(dbName)).sort()).toEqual(['a', 'b', 'c']);
      await store.close();
    } finally {
      await deleteResultsDatabase(dbName);
    }
  });
});
