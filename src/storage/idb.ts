// ResultStore on IndexedDB for the browser: one database holds many runs, each keyed by (model, benchmark,
// variant). A put resolves only after its transaction has committed with strict durability; puts that arrive
// while one commits share the next transaction. Quota errors become store/quota and lose nothing stored.
import { deleteDB, openDB } from 'idb';
import { EvalError } from '../core/errors';
import type { ResultStore } from '../core/ports';
import { serializeManifest, serializeResult } from '../core/results';
import type { ResultRun } from '../core/results';
import { manifestMismatches } from '../core/run';
import type { ItemResult, RunManifest } from '../core/types';
import {
  RESULTS_DB_NAME,
  RESULTS_DB_VERSION,
  runKeyTuple,
  upgradeResultsDb,
  type ResultsDb,
  type ResultsDbV2,
  type RunKeyTuple,
  type StoredRun,
} from './idb-schema';

export { RESULTS_DB_NAME, RESULTS_DB_VERSION } from './idb-schema';

export interface RunKey {
  model: string;
  benchmark: string;
  variant: string;
}

export interface RunSummary {
  key: RunKey;
  manifest: RunManifest;
  resultCount: number;
  updatedAt: string;
}

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

interface Pending {
  result: ItemResult;
  resolve: () => void;
  reject: (e: unknown) => void;
}

const describeKey = (k: RunKey): string => `${k.model} × ${k.benchmark} (${k.variant})`;
const sameKey = (a: RunKey, b: RunKey): boolean =>
  a.model === b.model && a.benchmark === b.benchmark && a.variant === b.variant;
const nameOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? ((e as { name?: unknown }).name as string | undefined) : undefined;

/** Of the errors one failed transaction produced, the one that explains it (a quota error over an AbortError). */
function mostTelling(errors: unknown[]): unknown {
  const present = errors.filter((e) => e !== null && e !== undefined);
  return (
    present.find((e) => nameOf(e) === 'QuotaExceededError') ??
    present.find((e) => nameOf(e) !== 'AbortError') ??
    present[0]
  );
}

const QUOTA_ADVICE =
  'The browser refused to store more results: its storage quota for this site is full. Nothing stored so far was lost. ' +
  "Free space, then resume the run: export finished runs (JSONL) and delete old runs on the results page, or clear other sites' data.";

/** Translates IndexedDB failures into EvalErrors that say what to do. */
export function storeErrorOf(e: unknown, doing: string): EvalError {
  if (e instanceof EvalError) return e;
  const name = nameOf(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError') return new EvalError('store/quota', `${QUOTA_ADVICE} (${doing}: ${detail})`, e);
  if (name === 'VersionError') {
    return new EvalError(
      'store/version',
      `The results database was written by a newer version of this app (${detail}). Update the app, or use another browser profile.`,
      e,
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new EvalError(
      'store/unavailable',
      `IndexedDB is not available (${detail}): private windows and some browser settings block it. Use a normal window, or run from the CLI.`,
      e,
    );
  }
  return new EvalError('store/write', `${doing} failed: ${detail}`, e);
}

async function openResultsDb(dbName: string, onBlocking: () => void): Promise<ResultsDb> {
  try {
    return await openDB<ResultsDbV2>(dbName, RESULTS_DB_VERSION, {
      upgrade(db, oldVersion, newVersion, tx) {
        const anyDb = db as unknown as Parameters<typeof upgradeResultsDb>[0];
        const anyTx = tx as unknown as Parameters<typeof upgradeResultsDb>[3];
        // an upgrade that fails half-way must leave the old version intact
        tx.done.catch(() => undefined); // an aborted upgrade surfaces through openDB's own rejection
        upgradeResultsDb(anyDb, oldVersion, newVersion, anyTx).catch(() => tx.abort());
      },
      // another tab wants a newer version (or to delete the database): let it, this handle reopens later
      blocking: onBlocking,
    });
  } catch (e) {
    if (nameOf(e) === 'AbortError') {
      throw new EvalError(
        'store/upgrade',
        `Upgrading the results database "${dbName}" failed; it was left as it was. Export your runs from an older version of the app, or delete the database to start over.`,
        e,
      );
    }
    throw storeErrorOf(e, 'Opening the results database');
  }
}

export function createIdbStore(options: IdbStoreOptions = {}): IdbResultStore {
  const dbName = options.dbName ?? RESULTS_DB_NAME;
  const byId = new Map<string, ItemResult>();
  let dbPromise: Promise<ResultsDb> | null = null;
  let openRun: RunKeyTuple | null = null;
  let pending: Pending[] = [];
  let flushing: Promise<void> | null = null;

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

  const writeBatch = async (key: RunKeyTuple, batch: Pending[]): Promise<void> => {
    const db = await database();
    const tx = db.transaction(['runs', 'results'], 'readwrite', { durability: 'strict' });
    // idb rejects tx.done when the transaction aborts; it is awaited below, this only keeps it from going unhandled
    tx.done.catch(() => undefined);
    const [model, benchmark, variant] = key;
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
      for (const p of batch)
        writes.push(tx.objectStore('results').put({ model, benchmark, variant, id: p.result.id, result: p.result }));
      await Promise.all([...writes, tx.done]);
    } catch (e) {
      for (const w of writes) w.catch(() => undefined);
      // the transaction's own error (e.g. QuotaExceededError at commit) says more than a request's AbortError
      throw storeErrorOf(mostTelling([e, tx.error]), 'Storing results');
    }
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending;
      pending = [];
      try {
        if (openRun === null) throw notOpen('put()');
        await writeBatch(openRun, batch);
        for (const p of batch) {
          byId.set(p.result.id, p.result);
          p.resolve();
        }
      } catch (e) {
        // not sticky: after space is freed, the next put may succeed
        for (const p of batch) p.reject(e);
      }
    }
    flushing = null;
  };

  const readRun = async (key: RunKeyTuple): Promise<{ run: StoredRun; results: ItemResult[] } | null> => {
    const db = await database();
    const tx = db.transaction(['runs', 'results'], 'readonly');
    const [run, stored] = await Promise.all([
      tx.objectStore('runs').get(key),
      tx.objectStore('results').index('byRun').getAll(key),
      tx.done,
    ]);
    return run === undefined ? null : { run, results: stored.map((s) => s.result) };
  };

  const loadRun = async (key: RunKey): Promise<ResultRun> => {
    const found = await readRun(runKeyTuple(key));
    if (found === null)
      throw new EvalError('store/no-such-run', `No stored run ${describeKey(key)}: pick one from listRuns().`);
    return { manifest: { ...found.run.manifest, updatedAt: found.run.updatedAt }, results: found.results };
  };

  return {
    dbName,
    async open(manifest: RunManifest) {
      if (openRun !== null)
        throw new EvalError(
          'store/already-open',
          `IndexedDB store: run ${openRun.join(' × ')} is already open in this handle.`,
        );
      const key = runKeyTuple(manifest);
      const [model, benchmark, variant] = key;
      if (options.run !== undefined && !sameKey(options.run, { model, benchmark, variant })) {
        throw new EvalError(
          'store/incompatible',
          `This store holds ${describeKey(options.run)}, not ${describeKey({ model, benchmark, variant })}. Open a store for that run instead.`,
        );
      }
      const existing = await readRun(key);
      byId.clear();
      if (existing === null) {
        const db = await database();
        const tx = db.transaction('runs', 'readwrite', { durability: 'strict' });
        tx.done.catch(() => undefined);
        try {
          await Promise.all([
            tx.store.put({
              model,
              benchmark,
              variant,
              manifest: structuredClone(manifest),
              updatedAt: manifest.createdAt,
            }),
            tx.done,
          ]);
        } catch (e) {
          throw storeErrorOf(mostTelling([e, tx.error]), 'Creating the run');
        }
        openRun = key;
        return [];
      }
      const diffs = manifestMismatches(existing.run.manifest, manifest);
      if (diffs.length > 0) {
        throw new EvalError(
          'store/incompatible',
          `The stored run ${describeKey({ model, benchmark, variant })} differs (${diffs.join('; ')}). Export and delete it to start over, or keep the settings it was run with.`,
        );
      }
      for (const r of existing.results) byId.set(r.id, r);
      openRun = key;
      return existing.results;
    },
    put(result) {
      if (openRun === null) return Promise.reject(notOpen('put()'));
      const copy = structuredClone(result);
      return new Promise<void>((resolve, reject) => {
        pending.push({ result: copy, resolve, reject });
        flushing ??= Promise.resolve().then(flush);
      });
    },
    async results() {
      if (openRun === null) throw notOpen('results()');
      return [...byId.values()].map((r) => structuredClone(r));
    },
    async close() {
      while (flushing !== null) await flushing;
      openRun = null;
      byId.clear();
      const db = dbPromise;
      dbPromise = null;
      (await db?.catch(() => null))?.close();
    },
    async listRuns() {
      const db = await database();
      const tx = db.transaction(['runs', 'results'], 'readonly');
      const runs = await tx.objectStore('runs').getAll();
      const counts = await Promise.all(runs.map((r) => tx.objectStore('results').index('byRun').count(runKeyTuple(r))));
      await tx.done;
      return runs
        .map((run, i): RunSummary => ({
          key: { model: run.model, benchmark: run.benchmark, variant: run.variant },
          manifest: run.manifest,
          resultCount: counts[i] ?? 0,
          updatedAt: run.updatedAt,
        }))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
    },
    async deleteRun(key) {
      if (openRun !== null && sameKey(key, { model: openRun[0], benchmark: openRun[1], variant: openRun[2] })) {
        throw new EvalError(
          'store/in-use',
          `Run ${describeKey(key)} is open for writing: stop the run (close the store) before deleting it.`,
        );
      }
      const db = await database();
      const tx = db.transaction(['runs', 'results'], 'readwrite', { durability: 'strict' });
      const tuple = runKeyTuple(key);
      let cursor = await tx.objectStore('results').index('byRun').openKeyCursor(tuple);
      while (cursor !== null) {
        await tx.objectStore('results').delete(cursor.primaryKey);
        cursor = await cursor.continue();
      }
      await tx.objectStore('runs').delete(tuple);
      await tx.done;
    },
    loadRun,
    async exportRun(key) {
      const { manifest, results } = await loadRun(key);
      return serializeManifest(manifest) + results.map(serializeResult).join('');
    },
  };
}

/** Deletes a whole results database (tests, "clear everything"). */
export async function deleteResultsDatabase(dbName: string = RESULTS_DB_NAME): Promise<void> {
  await deleteDB(dbName);
}
