// ResultStore on IndexedDB for the browser: one database holds many runs, each keyed by its identity (model,
// benchmark, variant, data, sample: core/run/compat.ts), so a demo slice and a full release, or a sample and every
// item, of one model × benchmark live side by side. A put resolves only after its transaction has committed with strict durability; puts that arrive
// while one commits share the next transaction (put-queue.ts). Quota errors become store/quota and lose nothing
// stored. The same handle lists, deletes and exports whole runs (idb-runs.ts).
import { deleteDB } from 'idb';
import { EvalError } from '../core/errors';
import type { ResultStore } from '../core/ports';
import type { ResultRun } from '../core/results';
import { manifestMismatches, runIdentityOf } from '../core/run/compat';
import type { ItemResult, RunManifest } from '../core/types';
import { mostTelling, storeErrorOf } from './idb-errors';
import {
  deleteRun,
  describeKey,
  exportRun,
  loadRun,
  listRuns,
  readRun,
  sameKey,
  type RunKey,
  type RunSummary,
} from './idb-runs';
import { openResultsDb, RESULTS_DB_NAME, runKeyTuple, type ResultsDb, type RunKeyTuple } from './idb-schema';
import { createPutQueue } from './put-queue';

export { RESULTS_DB_NAME, RESULTS_DB_VERSION } from './idb-schema';
export type { RunKey, RunSummary } from './idb-runs';

export interface IdbStoreOptions {
  /** Database name (default RESULTS_DB_NAME); tests use one per case. */
  dbName?: string;
  /** Bind this handle to one run, like the fs store is bound to one file: open() refuses another run's manifest. */
  run?: RunKey;
  /** Test hook for fault injection (e.g. a put that fails with QuotaExceededError). */
  wrapDatabase?: (db: ResultsDb) => ResultsDb;
}

export interface IdbResultStore extends ResultStore {
  readonly dbName: string;
  /** Every run in the database, newest first. */
  listRuns(): Promise<RunSummary[]>;
  /** Removes a run and its results; refused for the run this handle has open. */
  deleteRun(key: RunKey): Promise<void>;
  /** One run as stored: its manifest (updatedAt = its last write) and its results, by item id. */
  loadRun(key: RunKey): Promise<ResultRun>;
  /** The run in the results JSONL format (manifest line, then one line per result, by item id). */
  exportRun(key: RunKey): Promise<string>;
}

export function createIdbStore(options: IdbStoreOptions = {}): IdbResultStore {
  const dbName = options.dbName ?? RESULTS_DB_NAME;
  let dbPromise: Promise<ResultsDb> | null = null;
  let openRun: RunKey | null = null;

  const database = (): Promise<ResultsDb> => {
    dbPromise ??= openResultsDb(dbName, () => {
      void dbPromise?.then((db) => db.close());
      dbPromise = null;
    }).then((db) => (options.wrapDatabase ? options.wrapDatabase(db) : db));
    dbPromise.catch(() => {
      dbPromise = null;
    });
    return dbPromise;
  };

  const notOpen = (what: string): EvalError =>
    new EvalError('store/not-open', `IndexedDB store: call open(manifest) before ${what}.`);

  // one committed transaction carries every result that arrived while the previous one was committing; a failure
  // is not sticky: after space is freed, the next put may succeed
  const queue = createPutQueue<ItemResult>(async (batch) => {
    if (openRun === null) throw notOpen('put()');
    const key = runKeyTuple(openRun);
    const db = await database();
    const tx = db.transaction(['runs', 'results'], 'readwrite', { durability: 'strict' });
    // idb rejects tx.done when the transaction aborts; it is awaited below, this only keeps it from going unhandled
    tx.done.catch(() => undefined);
    const [model, benchmark, variant, data, sample] = key;
    const writes: Promise<unknown>[] = [];
    try {
      writes.push(
        tx
          .objectStore('runs')
          .get(key)
          .then((run) =>
            run === undefined ? undefined : tx.objectStore('runs').put({ ...run, updatedAt: new Date().toISOString() }),
          ),
      );
      for (const result of batch)
        writes.push(tx.objectStore('results').put({ model, benchmark, variant, data, sample, id: result.id, result }));
      await Promise.all([...writes, tx.done]);
    } catch (e) {
      for (const w of writes) w.catch(() => undefined);
      // the transaction's own error (e.g. QuotaExceededError at commit) says more than a request's AbortError
      throw storeErrorOf(mostTelling([e, tx.error]), 'Storing results');
    }
  });

  const createRun = async (
    manifest: RunManifest,
    [model, benchmark, variant, data, sample]: RunKeyTuple,
  ): Promise<void> => {
    const db = await database();
    const tx = db.transaction('runs', 'readwrite', { durability: 'strict' });
    tx.done.catch(() => undefined);
    try {
      await Promise.all([
        tx.store.put({
          model,
          benchmark,
          variant,
          data,
          sample,
          manifest: structuredClone(manifest),
          updatedAt: manifest.createdAt,
        }),
        tx.done,
      ]);
    } catch (e) {
      throw storeErrorOf(mostTelling([e, tx.error]), 'Creating the run');
    }
  };

  return {
    dbName,
    async open(manifest: RunManifest) {
      if (openRun !== null)
        throw new EvalError(
          'store/already-open',
          `IndexedDB store: run ${describeKey(openRun)} is already open in this handle.`,
        );
      const identity = runIdentityOf(manifest);
      if (options.run !== undefined && !sameKey(options.run, identity)) {
        throw new EvalError(
          'store/incompatible',
          `This store holds ${describeKey(options.run)}, not ${describeKey(identity)}. Open a store for that run instead.`,
        );
      }
      const key = runKeyTuple(identity);
      const existing = await readRun(await database(), key);
      if (existing === null) {
        await createRun(manifest, key);
        openRun = identity;
        return [];
      }
      const diffs = manifestMismatches(existing.run.manifest, manifest);
      if (diffs.length > 0) {
        throw new EvalError(
          'store/incompatible',
          `The stored run ${describeKey(identity)} differs (${diffs.join('; ')}). Export and delete it to start over, or keep the settings it was run with.`,
        );
      }
      openRun = identity;
      return existing.results;
    },
    async put(result) {
      if (openRun === null) throw notOpen('put()');
      return queue.push(structuredClone(result));
    },
    async results() {
      if (openRun === null) throw notOpen('results()');
      // read back from the database, not kept in memory: a long run would hold every result it stored
      // (bench/soak-browser.ts measured ~0.35 MB of heap per 1,000 items)
      const key = runKeyTuple(openRun);
      await queue.drained();
      return (await readRun(await database(), key))?.results ?? [];
    },
    async close() {
      await queue.drained();
      openRun = null;
      const db = dbPromise;
      dbPromise = null;
      (await db?.catch(() => null))?.close();
    },
    listRuns: async () => listRuns(await database()),
    async deleteRun(key) {
      if (openRun !== null && sameKey(key, openRun)) {
        throw new EvalError(
          'store/in-use',
          `Run ${describeKey(key)} is open for writing: stop the run (close the store) before deleting it.`,
        );
      }
      await deleteRun(await database(), key);
    },
    loadRun: async (key) => loadRun(await database(), key),
    exportRun: async (key) => exportRun(await database(), key),
  };
}

/** Deletes a whole results database (tests, "clear everything"). */
export async function deleteResultsDatabase(dbName: string = RESULTS_DB_NAME): Promise<void> {
  await deleteDB(dbName);
}
