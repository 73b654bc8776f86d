// The IndexedDB schema of the browser result store, its step-by-step upgrades from every older version, and
// opening a database at the current version. Bump RESULTS_DB_VERSION and append a step when the shape changes;
// never edit a step that has shipped.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { EvalError } from '../core/errors';
import { runIdentityOf } from '../core/run/compat';
import type { ItemResult, RunManifest } from '../core/types';
import { nameOf, storeErrorOf } from './idb-errors';

export const RESULTS_DB_NAME = 'medvlm-bench-results';
export const RESULTS_DB_VERSION = 3;

/** One run: its identity (core/run/compat.ts RunIdentity), model × benchmark × variant × data × sample. */
export type RunKeyTuple = [model: string, benchmark: string, variant: string, data: string, sample: string];

const RUN_KEY_PATH = ['model', 'benchmark', 'variant', 'data', 'sample'];

export interface StoredRun {
  model: string;
  benchmark: string;
  variant: string;
  /** The manifest's dataHash. */
  data: string;
  /** sampleKey(manifest.sample): "all items" for a full run. */
  sample: string;
  manifest: RunManifest;
  /** ISO time of the last stored result (or of creation). */
  updatedAt: string;
}

export interface StoredResult {
  model: string;
  benchmark: string;
  variant: string;
  data: string;
  sample: string;
  id: string;
  result: ItemResult;
}

/**
 * Version 3 (current): a run is keyed by its whole identity, so a demo slice and a full release (or a sample and
 * every item) of one model × benchmark × variant live side by side.
 */
export interface ResultsDbV3 extends DBSchema {
  runs: { key: RunKeyTuple; value: StoredRun };
  results: {
    key: [...RunKeyTuple, string];
    value: StoredResult;
    indexes: { byRun: RunKeyTuple };
  };
}

/** Version 2: compound keys of model × benchmark × variant, so a run's results are one key range. */
export interface ResultsDbV2 extends DBSchema {
  runs: { key: [string, string, string]; value: Omit<StoredRun, 'data' | 'sample'> };
  results: {
    key: [string, string, string, string];
    value: Omit<StoredResult, 'data' | 'sample'>;
    indexes: { byRun: [string, string, string] };
  };
}

/**
 * Version 1: a run was addressed by one string "model|benchmark|variant" (ambiguous when an id held "|"),
 * with no index, so listing a run's results meant scanning every result.
 */
export interface ResultsDbV1 extends DBSchema {
  manifests: { key: string; value: { runKey: string; manifest: RunManifest } };
  items: { key: [string, string]; value: { runKey: string; id: string; result: ItemResult } };
}

export type ResultsDb = IDBPDatabase<ResultsDbV3>;

export const runKeyTuple = (k: {
  model: string;
  benchmark: string;
  variant: string;
  data: string;
  sample: string;
}): RunKeyTuple => [k.model, k.benchmark, k.variant, k.data, k.sample];

type AnyTx = IDBPTransaction<unknown, string[], 'versionchange'>;
type Step = (db: IDBPDatabase<unknown>, tx: AnyTx) => Promise<void>;

// Each step takes the database from version i to i + 1 inside the single versionchange transaction. A new
// database walks all of them (the empty v1 stores cost nothing), so the migration path is always exercised.
const STEPS: readonly Step[] = [
  // 0 → 1
  async (db) => {
    db.createObjectStore('manifests', { keyPath: 'runKey' });
    db.createObjectStore('items', { keyPath: ['runKey', 'id'] });
  },
  // 1 → 2: split the string key into a compound one (from the manifest, not by splitting on "|"), add the index
  async (anyDb, anyTx) => {
    const db = anyDb as unknown as IDBPDatabase<ResultsDbV1 & ResultsDbV2>;
    const tx = anyTx as unknown as IDBPTransaction<
      ResultsDbV1 & ResultsDbV2,
      ('manifests' | 'items' | 'runs' | 'results')[],
      'versionchange'
    >;
    db.createObjectStore('runs', { keyPath: ['model', 'benchmark', 'variant'] });
    const results = db.createObjectStore('results', { keyPath: ['model', 'benchmark', 'variant', 'id'] });
    results.createIndex('byRun', ['model', 'benchmark', 'variant']);
    const oldRuns = await tx.objectStore('manifests').getAll();
    const keyOfOld = new Map<string, [string, string, string]>();
    const now = new Date().toISOString();
    for (const old of oldRuns) {
      const { model, benchmark, variant } = old.manifest;
      keyOfOld.set(old.runKey, [model, benchmark, variant]);
      await tx
        .objectStore('runs')
        .put({ model, benchmark, variant, manifest: old.manifest, updatedAt: old.manifest.updatedAt ?? now });
    }
    let cursor = await tx.objectStore('items').openCursor();
    while (cursor !== null) {
      const key = keyOfOld.get(cursor.value.runKey);
      // results of a run whose manifest is gone cannot be resumed or exported: they are dropped with the store
      if (key !== undefined) {
        const [model, benchmark, variant] = key;
        await tx
          .objectStore('results')
          .put({ model, benchmark, variant, id: cursor.value.id, result: cursor.value.result });
      }
      cursor = await cursor.continue();
    }
    db.deleteObjectStore('manifests');
    db.deleteObjectStore('items');
  },
  // 2 → 3: the key gains the run's data and sample (from each stored manifest), so runs that differ only there no
  // longer collide. A store's key path cannot change: the v2 stores are renamed, copied record by record (a cursor,
  // never all results in memory) into new ones under the old names, and deleted.
  async (anyDb, anyTx) => {
    type V2AndV3 = ResultsDbV3 & { 'runs-v2': ResultsDbV2['runs']; 'results-v2': ResultsDbV2['results'] };
    const db = anyDb as unknown as IDBPDatabase<V2AndV3>;
    const tx = anyTx as unknown as IDBPTransaction<
      V2AndV3,
      ('runs' | 'results' | 'runs-v2' | 'results-v2')[],
      'versionchange'
    >;
    // IDBObjectStore.name is writable during a versionchange transaction; idb passes the write through
    (tx.objectStore('runs') as unknown as { name: string }).name = 'runs-v2';
    (tx.objectStore('results') as unknown as { name: string }).name = 'results-v2';
    db.createObjectStore('runs', { keyPath: RUN_KEY_PATH });
    const results = db.createObjectStore('results', { keyPath: [...RUN_KEY_PATH, 'id'] });
    results.createIndex('byRun', RUN_KEY_PATH);
    const keyOfOld = new Map<string, { data: string; sample: string }>();
    let runs = await tx.objectStore('runs-v2').openCursor();
    while (runs !== null) {
      const old = runs.value;
      const { data, sample } = runIdentityOf(old.manifest);
      keyOfOld.set(JSON.stringify([old.model, old.benchmark, old.variant]), { data, sample });
      await tx.objectStore('runs').put({ ...old, data, sample });
      runs = await runs.continue();
    }
    let cursor = await tx.objectStore('results-v2').openCursor();
    while (cursor !== null) {
      const old = cursor.value;
      const key = keyOfOld.get(JSON.stringify([old.model, old.benchmark, old.variant]));
      // v2 wrote a run's record before any of its results and deleted them together: a result without its run
      // cannot be resumed or exported, as in the v1 → v2 step
      if (key !== undefined) await tx.objectStore('results').put({ ...old, ...key });
      cursor = await cursor.continue();
    }
    db.deleteObjectStore('runs-v2');
    db.deleteObjectStore('results-v2');
  },
];

/** The `upgrade` callback for openDB: runs every step from the stored version up to RESULTS_DB_VERSION. */
export async function upgradeResultsDb(
  db: IDBPDatabase<unknown>,
  oldVersion: number,
  newVersion: number | null,
  tx: AnyTx,
): Promise<void> {
  const target = newVersion ?? RESULTS_DB_VERSION;
  for (let v = oldVersion; v < target; v++) {
    const step = STEPS[v];
    if (step === undefined) throw new Error(`No upgrade step from results database version ${v}`);
    await step(db, tx);
  }
}

/** Opens (creating or upgrading) the results database; `onBlocking` runs when another tab needs it closed. */
export async function openResultsDb(dbName: string, onBlocking: () => void): Promise<ResultsDb> {
  try {
    return await openDB<ResultsDbV3>(dbName, RESULTS_DB_VERSION, {
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
