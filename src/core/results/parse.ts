// Reads a results file (manifest line, then one result line per item; several runs may follow each other).
// Every problem is reported with its line number and never stops the rest of the file from loading; the text
// arrives in chunks (createResultsReader), so a file of any size is read line by line.
import * as v from 'valibot';
import { RESULTS_FORMAT_VERSION } from '../types';
import type { ItemResult, RunManifest } from '../types';
import { checkInPlace } from './checks';
import { fastResult } from './fast-result';
import { createJsonlReader, isRecord } from './jsonl';
import type { JsonlLine, JsonlProblem, JsonlReaderOptions } from './jsonl';
import { ProblemLog } from './problems';
import type { ProblemList } from './problems';
import { ManifestSchema, ResultSchema, describeIssues } from './schema';

export interface ResultRun {
  manifest: RunManifest;
  results: ItemResult[];
}

export interface ParsedResults {
  runs: ResultRun[];
  /** The first problems by line number (at most KEPT_PROBLEMS); `problemCount` counts them all. */
  problems: JsonlProblem[];
  problemCount: number;
  /** Result lines superseded by a later line with the same id in the same run (retried items). */
  duplicates: number;
  /** Lines whose stored `correct` disagreed with their letter and gold: counted as recomputed, listed capped. */
  recounted: ProblemList;
  /** Lines with an implausible token count or latency, now unknown (null). */
  clamped: ProblemList;
}

/** A results file read piece by piece: push text chunks as they arrive, then end() for the runs and problems. */
export interface ResultsReader {
  push(chunk: string): void;
  end(): ParsedResults;
  /**
   * The runs read so far, the open one with its results up to now: a first look at a long file while the rest is
   * read (copies of the lists, so cheap only while they are short). Problems and duplicates come with end().
   */
  peek(): ResultRun[];
}

interface OpenRun {
  manifest: RunManifest;
  byId: Map<string, ItemResult>;
  /** Metadata values seen so far, each kept once (shareStrings). */
  strings: Map<string, string>;
}

/** Distinct metadata values a run shares (beyond, values are kept as they came: free text gains nothing). */
const SHARED_STRINGS = 4096;

/**
 * What every line of a run repeats (model, benchmark, variant, tag, metadata values such as a modality) becomes one
 * string per run instead of one per line: JSON.parse makes a new string for each, up to ~4 more objects per line
 * for every garbage collection of the page that holds the run (89k lines: some 350k).
 */
function shareStrings(result: ItemResult, m: RunManifest, strings: Map<string, string>): void {
  result.model = m.model;
  result.benchmark = m.benchmark;
  result.variant = m.variant;
  if (result.tag !== null) result.tag = result.tag === 'reasoning' ? 'reasoning' : 'understanding';
  const meta = result.meta;
  if (meta === undefined) return;
  for (const key in meta) {
    const value = meta[key];
    if (typeof value !== 'string') continue;
    const shared = strings.get(value);
    if (shared !== undefined) meta[key] = shared;
    else if (strings.size < SHARED_STRINGS) strings.set(value, value);
  }
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
  const reader = createResultsReader(fileName);
  reader.push(text);
  return reader.end();
}

export function createResultsReader(fileName: string, opts: JsonlReaderOptions = {}): ResultsReader {
  const problems = new ProblemLog();
  const recounted = new ProblemLog();
  const clamped = new ProblemLog();
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
    problems.add({ line: skipped.first, message: `${skipped.count} result line(s) (${where}) ${why} — skipped` });
    skipped = null;
  };
  const skip = (line: number): void => {
    if (skipped === null) skipped = { first: line, last: line, count: 0, manifestLine: rejectedAt };
    skipped.last = line;
    skipped.count += 1;
  };

  const onResult = (value: Record<string, unknown>, line: number): void => {
    const current: OpenRun | null = open;
    if (current === null) {
      skip(line);
      return;
    }
    // The hand-written check accepts a well-formed line in a fraction of valibot's time; any other line goes to
    // valibot, which accepts it or says what is wrong with it.
    let raw = fastResult(value);
    if (raw === null) {
      const parsed = v.safeParse(ResultSchema, value);
      if (!parsed.success) {
        problems.add({ line, message: `invalid result: ${describeIssues(parsed.issues)}` });
        return;
      }
      raw = parsed.output;
    }
    // The line is this reader's own (fresh from JSON.parse or valibot): corrected in place.
    const result: ItemResult = raw;
    const checked = checkInPlace(result);
    const m = current.manifest;
    if (result.model !== m.model || result.benchmark !== m.benchmark || result.variant !== m.variant) {
      problems.add({
        line,
        message:
          `result ${result.id} is for ${result.model}/${result.benchmark}/${result.variant} but its manifest ` +
          `is for ${m.model}/${m.benchmark}/${m.variant} — skipped`,
      });
      return;
    }
    shareStrings(result, m, current.strings);
    if (checked.recounted !== null) recounted.add({ line, message: checked.recounted });
    if (checked.clamped !== null) clamped.add({ line, message: checked.clamped });
    if (current.byId.has(result.id)) duplicates += 1;
    current.byId.set(result.id, result);
  };

  const onLine = (entry: JsonlLine): void => {
    if (entry.kind === 'bad') {
      problems.add({ line: entry.line, message: entry.message });
      return;
    }
    const value = entry.value;
    if (!isRecord(value)) {
      problems.add({ line: entry.line, message: 'not a JSON object' });
      return;
    }
    const type = value['type'];
    if (type === 'manifest') {
      flushSkipped();
      closeRun();
      const manifest = checkManifest(value, entry.line, problems);
      rejectedAt = manifest === null ? entry.line : null;
      if (manifest !== null) open = { manifest, byId: new Map(), strings: new Map() };
    } else if (type === 'result') {
      onResult(value, entry.line);
    } else if (type === undefined && 'id' in value && 'output' in value) {
      problems.add({
        line: entry.line,
        message: 'looks like a predictions line ({id, output}): import it as predictions, not as results',
      });
    } else {
      problems.add({
        line: entry.line,
        message: `unknown line type ${JSON.stringify(type)} (expected "manifest" or "result")`,
      });
    }
  };

  const lines = createJsonlReader(onLine, opts);
  return {
    push: (chunk) => lines.push(chunk),
    peek() {
      const current: OpenRun | null = open;
      return current === null
        ? [...runs]
        : [...runs, { manifest: current.manifest, results: [...current.byId.values()] }];
    },
    end() {
      const torn = lines.end();
      flushSkipped();
      closeRun();
      if (torn !== null) problems.add(torn);
      if (lines.lineCount === 0 && torn === null)
        problems.add({ line: 0, message: `${fileName} is empty: no manifest line` });
      const list = problems.list();
      return {
        runs,
        problems: list.shown,
        problemCount: list.total,
        duplicates,
        recounted: recounted.list(),
        clamped: clamped.list(),
      };
    },
  };
}

function checkManifest(value: Record<string, unknown>, line: number, problems: ProblemLog): RunManifest | null {
  const version = value['formatVersion'];
  if (typeof version === 'number' && version > RESULTS_FORMAT_VERSION) {
    problems.add({
      line,
      message:
        `results format version ${version} is newer than this app supports (${RESULTS_FORMAT_VERSION}): ` +
        'upgrade MedVLM Bench to read this run',
    });
    return null;
  }
  const parsed = v.safeParse(ManifestSchema, value);
  if (!parsed.success) {
    problems.add({ line, message: `invalid manifest: ${describeIssues(parsed.issues)}` });
    return null;
  }
  return parsed.output;
}
