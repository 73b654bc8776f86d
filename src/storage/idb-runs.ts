// The runs an IndexedDB results database holds, as wholes: read one, list them, delete one, export one as JSONL.
// idb.ts's store writes one open run item by item; these are what the results page does with all of them.
import { EvalError } from '../core/errors';
import { describeRunIdentity, sameRunIdentity, type RunIdentity } from '../core/run/compat';
import { serializeManifest, serializeResult, type ResultRun } from '../core/results';
import type { ItemResult, RunManifest } from '../core/types';
import { runKeyTuple, type ResultsDb, type RunKeyTuple, type StoredRun } from './idb-schema';

/** A stored run's key: its identity, model × benchmark × variant × data × sample (runIdentityOf(manifest)). */
export type RunKey = RunIdentity;

export interface RunSummary {
  key: RunKey;
  manifest: RunManifest;
  resultCount: number;
  updatedAt: string;
}

export const describeKey = describeRunIdentity;
export const sameKey = sameRunIdentity;

/** A run and its results (one per item), or null when the database has no such run. */
export async function readRun(
  db: ResultsDb,
  key: RunKeyTuple,
): Promise<{ run: StoredRun; results: ItemResult[] } | null> {
  const tx = db.transaction(['runs', 'results'], 'readonly');
  const [run, stored] = await Promise.all([
    tx.objectStore('runs').get(key),
    tx.objectStore('results').index('byRun').getAll(key),
    tx.done,
  ]);
  return run === undefined ? null : { run, results: stored.map((s) => s.result) };
}

/** Every run in the database, newest first. */
export async function listRuns(db: ResultsDb): Promise<RunSummary[]> {
  const tx = db.transaction(['runs', 'results'], 'readonly');
  const runs = await tx.objectStore('runs').getAll();
  const counts = await Promise.all(runs.map((r) => tx.objectStore('results').index('byRun').count(runKeyTuple(r))));
  await tx.done;
  return runs
    .map((run, i): RunSummary => ({
      key: { model: run.model, benchmark: run.benchmark, variant: run.variant, data: run.data, sample: run.sample },
      manifest: run.manifest,
      resultCount: counts[i] ?? 0,
      updatedAt: run.updatedAt,
    }))
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** Removes a run and its results in one transaction. */
export async function deleteRun(db: ResultsDb, key: RunKey): Promise<void> {
  const tx = db.transaction(['runs', 'results'], 'readwrite', { durability: 'strict' });
  const tuple = runKeyTuple(key);
  let cursor = await tx.objectStore('results').index('byRun').openKeyCursor(tuple);
  while (cursor !== null) {
    await tx.objectStore('results').delete(cursor.primaryKey);
    cursor = await cursor.continue();
  }
  await tx.objectStore('runs').delete(tuple);
  await tx.done;
}

/** One stored run as written: its manifest (with when it was last written) and its results. */
export async function loadRun(db: ResultsDb, key: RunKey): Promise<ResultRun> {
  const found = await readRun(db, runKeyTuple(key));
  if (found === null)
    throw new EvalError('store/no-such-run', `No stored run ${describeKey(key)}: pick one from listRuns().`);
  return { manifest: { ...found.run.manifest, updatedAt: found.run.updatedAt }, results: found.results };
}

/** The run in the results JSONL format (manifest line, then one line per result, by item id). */
export async function exportRun(db: ResultsDb, key: RunKey): Promise<string> {
  const { manifest, results } = await loadRun(db, key);
  return serializeManifest(manifest) + results.map(serializeResult).join('');
}
