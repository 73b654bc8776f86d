// The IndexedDB schema of the browser result store, its step-by-step upgrades from every older version, and
// opening a database at the current version. Bump RESULTS_DB_VERSION and append a step when the shape changes;
// never edit a step that has shipped.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { EvalError } from '../core/errors';
import type { ItemResult, RunManifest } from '../core/types';
import { nameOf, storeErrorOf } from './idb-errors';

export const RESULTS_DB_NAME = 'medvlm-bench-results';
export const RESULTS_DB_VERSION = 2;

/** One run: one model × one benchmark × one variant. */
export type RunKeyTuple = [model: string, benchmark: string, variant: string];

export interface StoredRun {
  model: string;
  benchmark: string;
  variant: string;
  manifest: RunManifest;
  /** ISO time of the last stored result (or of creation). */
  updatedAt: string;
}

export interface StoredResult {
  model: string;
  benchmark: string;
  variant: string;
  id: string;
  result: ItemResult;
}

/** Version 2 (current): compound keys, so one database holds many runs and a run's results are one key range. */
export interface ResultsDbV2 extends DBSchema {
  runs: { key: RunKeyTuple; value: StoredRun };
  results: { key: [string, string, string, string]; value: StoredResult; indexes: { byRun: RunKeyTuple } };
}

/**
 * Version 1: a run was addressed by one string "model|benchmark|variant" (ambiguous when an id held "|"),
 * with no index, so listing a run's results meant scanning every result.
 */
export interface ResultsDbV1 extends DBSchema {
  manifests: { key: string; value: { runKey: string; manifest: RunManifest } };
  items: { key: [string, string]; value: { runKey: string; id: string; result: ItemResult } };
}

export type ResultsDb = IDBPDatabase<ResultsDbV2>;

export const runKeyTuple = (m: { model: string; benchmark: string; variant: string }): RunKeyTuple => [
  m.model,
  m.benchmark,
  m.variant,
];

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
    const keyOfOld = new Map<string, RunKeyTuple>();
    const now = new Date().toISOString();
    for (const old of oldRuns) {
      const [model, benchmark, variant] = runKeyTuple(old.manifest);
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
