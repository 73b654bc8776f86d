// Where one model has an in-browser run (quantised web export) and a server run (full weights) of the same
// benchmark and variant, the table merges them into one cell; this says how far apart the two were on the items both
// answered, so a reader of a mixed table knows how much a browser row may differ from a server row.
import { BACKEND_KINDS } from '../models/backend-kinds';
import { mergeRuns } from '../results';
import type { ResultRun } from '../results';
import type { ItemResult } from '../types';

export interface LocalServerAgreement {
  model: string;
  benchmark: string;
  variant: string;
  /** Backends on each side as the manifests name them (e.g. "webllm", "openai"). */
  localBackend: string;
  serverBackend: string;
  /** Items both sides answered (failed generations on either side are left out). */
  nCommon: number;
  /** Items where both extracted the same letter (both finding no answer counts as the same). */
  sameAnswer: number;
  localCorrect: number;
  serverCorrect: number;
}

type Side = 'local' | 'server';

function sideOf(backend: string): Side | null {
  const info = (BACKEND_KINDS as Record<string, { runsIn: string } | undefined>)[backend];
  if (info === undefined) return null;
  if (info.runsIn === 'worker') return 'local';
  if (info.runsIn === 'remote') return 'server';
  return null;
}

/**
 * One entry per (model, benchmark, variant) with both a local and a server run that share answered items. `keep`
 * narrows the items counted (a table's reasoning / understanding selection).
 */
export function localServerAgreements(
  runs: readonly ResultRun[],
  keep: (r: ItemResult) => boolean = () => true,
): LocalServerAgreement[] {
  const byKey = new Map<string, { local: ResultRun[]; server: ResultRun[] }>();
  for (const run of runs) {
    const side = sideOf(run.manifest.backend);
    if (side === null) continue;
    const m = run.manifest;
    const key = `${m.model}\u0000${m.benchmark}\u0000${m.variant}`;
    const entry = byKey.get(key) ?? { local: [], server: [] };
    entry[side].push(run);
    byKey.set(key, entry);
  }
  const out: LocalServerAgreement[] = [];
  for (const { local, server } of byKey.values()) {
    if (local.length === 0 || server.length === 0) continue;
    // Several runs on one side (resumed, retried) merge as the table merges them: a later answer wins.
    const [l] = mergeRuns(local);
    const [s] = mergeRuns(server);
    if (l === undefined || s === undefined) continue;
    const serverById = new Map(s.results.filter((r) => r.error === undefined && keep(r)).map((r) => [r.id, r]));
    let nCommon = 0;
    let sameAnswer = 0;
    let localCorrect = 0;
    let serverCorrect = 0;
    for (const a of l.results) {
      if (a.error !== undefined || !keep(a)) continue;
      const b = serverById.get(a.id);
      if (b === undefined) continue;
      nCommon++;
      if (a.letter === b.letter) sameAnswer++;
      if (a.correct) localCorrect++;
      if (b.correct) serverCorrect++;
    }
    if (nCommon === 0) continue;
    out.push({
      model: l.manifest.model,
      benchmark: l.manifest.benchmark,
      variant: l.manifest.variant,
      localBackend: [...new Set(local.map((r) => r.manifest.backend))].join('+'),
      serverBackend: [...new Set(server.map((r) => r.manifest.backend))].join('+'),
      nCommon,
      sameAnswer,
      localCorrect,
      serverCorrect,
    });
  }
  return out;
}

const pct = (k: number, n: number): string => `${((100 * k) / n).toFixed(1)}%`;

/** The table note for one agreement. */
export function describeAgreement(a: LocalServerAgreement, columnLabel: string): string {
  return (
    `${columnLabel} · ${a.model}: the browser run (${a.localBackend}) and the server run (${a.serverBackend}) gave the ` +
    `same answer on ${pct(a.sameAnswer, a.nCommon)} of the ${a.nCommon} items both answered ` +
    `(accuracy there ${pct(a.localCorrect, a.nCommon)} browser vs ${pct(a.serverCorrect, a.nCommon)} server); ` +
    `the cell merges both`
  );
}
