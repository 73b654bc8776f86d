// Reads a results file (manifest line, then one result line per item; several runs may follow each other).
// Every problem is reported with its line number and never stops the rest of the file from loading.
import * as v from 'valibot';
import { RESULTS_FORMAT_VERSION } from '../types';
import type { ItemResult, RunManifest } from '../types';
import { isRecord, readJsonLines } from './jsonl';
import type { JsonlProblem } from './jsonl';
import { ManifestSchema, ResultSchema, describeIssues } from './schema';

export interface ResultRun {
  manifest: RunManifest;
  results: ItemResult[];
}

export interface ParsedResults {
  runs: ResultRun[];
  problems: JsonlProblem[];
  /** Result lines superseded by a later line with the same id in the same run (retried items). */
  duplicates: number;
}

interface OpenRun {
  manifest: RunManifest;
  byId: Map<string, ItemResult>;
}

/** Consecutive result lines that have no usable manifest; reported once per block, not once per line. */
interface SkippedBlock {
  first: number;
  last: number;
  count: number;
  /** Line of the rejected manifest; null when no manifest came before. */
  manifestLine: number | null;
}

export function parseResultsJsonl(text: string, fileName: string): ParsedResults {
  const { lines, torn } = readJsonLines(text);
  const problems: JsonlProblem[] = [];
  const runs: ResultRun[] = [];
  let duplicates = 0;
  let open: OpenRun | null = null;
  let rejectedAt: number | null = null;
  let skipped: SkippedBlock | null = null;

  const closeRun = (): void => {
    if (open !== null) runs.push({ manifest: open.manifest, results: [...open.byId.values()] });
    open = null;
  };
  const flushSkipped = (): void => {
    if (skipped === null) return;
    const where = skipped.count === 1 ? `line ${skipped.first}` : `lines ${skipped.first}–${skipped.last}`;
    const why =
      skipped.manifestLine === null
        ? 'come before any manifest (a results file starts with its manifest line)'
        : `belong to the rejected manifest on line ${skipped.manifestLine}`;
    problems.push({ line: skipped.first, message: `${skipped.count} result line(s) (${where}) ${why} — skipped` });
    skipped = null;
  };
  const skip = (line: number): void => {
    if (skipped === null) skipped = { first: line, last: line, count: 0, manifestLine: rejectedAt };
    skipped.last = line;
    skipped.count += 1;
  };

  for (const entry of lines) {
    if (entry.kind === 'bad') {
      problems.push({ line: entry.line, message: entry.message });
      continue;
    }
    const value = entry.value;
    const type = isRecord(value) ? value['type'] : undefined;
    if (!isRecord(value)) {
      problems.push({ line: entry.line, message: 'not a JSON object' });
    } else if (type === 'manifest') {
      flushSkipped();
      closeRun();
      const manifest = checkManifest(value, entry.line, problems);
      rejectedAt = manifest === null ? entry.line : null;
      if (manifest !== null) open = { manifest, byId: new Map() };
    } else if (type === 'result') {
      const current: OpenRun | null = open;
      if (current === null) {
        skip(entry.line);
        continue;
      }
      const parsed = v.safeParse(ResultSchema, value);
      if (!parsed.success) {
        problems.push({ line: entry.line, message: `invalid result: ${describeIssues(parsed.issues)}` });
        continue;
      }
      const result: ItemResult = parsed.output;
      const m = current.manifest;
      if (result.model !== m.model || result.benchmark !== m.benchmark || result.variant !== m.variant) {
        problems.push({
          line: entry.line,
          message:
            `result ${result.id} is for ${result.model}/${result.benchmark}/${result.variant} but its manifest ` +
            `is for ${m.model}/${m.benchmark}/${m.variant} — skipped`,
        });
        continue;
      }
      if (current.byId.has(result.id)) duplicates += 1;
      current.byId.set(result.id, result);
    } else if (type === undefined && 'id' in value && 'output' in value) {
      problems.push({
        line: entry.line,
        message: 'looks like a predictions line ({id, output}): import it as predictions, not as results',
      });
    } else {
      problems.push({
        line: entry.line,
        message: `unknown line type ${JSON.stringify(type)} (expected "manifest" or "result")`,
      });
    }
  }
  flushSkipped();
  closeRun();
  if (torn !== null) problems.push(torn);
  if (lines.length === 0 && torn === null)
    problems.push({ line: 0, message: `${fileName} is empty: no manifest line` });
  problems.sort((a, b) => a.line - b.line);
  return { runs, problems, duplicates };
}

function checkManifest(value: Record<string, unknown>, line: number, problems: JsonlProblem[]): RunManifest | null {
  const version = value['formatVersion'];
  if (typeof version === 'number' && version > RESULTS_FORMAT_VERSION) {
    problems.push({
      line,
      message:
        `results format version ${version} is newer than this app supports (${RESULTS_FORMAT_VERSION}): ` +
        'upgrade MedVLM Bench to read this run',
    });
    return null;
  }
  const parsed = v.safeParse(ManifestSchema, value);
  if (!parsed.success) {
    problems.push({ line, message: `invalid manifest: ${describeIssues(parsed.issues)}` });
    return null;
  }
  return parsed.output;
}
