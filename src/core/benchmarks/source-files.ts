// Reading raw files through a DatasetSource: one listing per load, JSON / JSON-lines parsing that turns
// broken files and lines into exclusions instead of crashes.
import type { DatasetSource, ListingProblem } from '../ports';
import type { LoadReport } from '../types';
import type { LoadCollector } from './collector';
import { normalizePath } from './paths';

export interface Listing {
  /** Every file, normalised, sorted. */
  paths: string[];
  set: ReadonlySet<string>;
}

// The Listing of each list() answer: a source that answers with the same array again (a load's counting wrapper
// lists once per load, for detection and for the adapter) is not checked and put in a Set twice.
const listings = new WeakMap<readonly string[], Listing>();

export async function listSource(source: DatasetSource): Promise<Listing> {
  const raw = await source.list();
  const known = listings.get(raw);
  if (known !== undefined) return known;
  // Sources already return clean sorted lists; only copy, normalise or sort when one does not (O(n) check).
  let clean = true;
  let sorted = true;
  for (let i = 0; i < raw.length; i++) {
    const p = raw[i] ?? '';
    if (clean && (p.indexOf('\\') >= 0 || p.charCodeAt(0) === 47 /* '/' */ || p.startsWith('./'))) clean = false;
    if (sorted && i > 0 && (raw[i - 1] ?? '') > p) sorted = false;
  }
  const paths = clean ? raw.slice() : raw.map(normalizePath);
  if (!clean || !sorted) paths.sort();
  const listing = { paths, set: new Set(paths) };
  listings.set(raw, listing);
  return listing;
}

/**
 * Why JSON did not parse, without the excerpt V8 puts in its message: a file linked in from elsewhere
 * (a "test.json" that is really /etc/passwd) must not have its first line shown in a report or an error.
 */
export function jsonErrorDetail(e: unknown, text: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const at = /at position (\d+)/.exec(message);
  if (at !== null) {
    const pos = Number(at[1]);
    let line = 1;
    let lineStart = 0;
    for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return `at line ${line}, column ${pos - lineStart + 1}`;
  }
  if (/Unexpected end/i.test(message)) return 'it ends early (a truncated file?)';
  return 'an unexpected character';
}

/** Folders and links the source's listing left out: one whole-entry exclusion each. */
export function addListingProblems(report: LoadReport, problems: readonly ListingProblem[]): void {
  for (const p of problems) {
    const code = p.reason.split(':', 1)[0] ?? p.reason;
    report.exclusions.push({ file: p.path, index: -1, field: '', reason: p.reason });
    report.excludedByReason[code] = (report.excludedByReason[code] ?? 0) + 1;
    report.excluded++;
  }
}

/**
 * The texts of `paths`, read in order with up to `ahead` more in flight: a read over HTTP or out of a zip mostly
 * waits (a request, an inflate), and that wait then overlaps with parsing the file before. The source is told the
 * whole list first (willRead), so a zip over HTTP fetches neighbouring files in one request. Call with 0, 1, 2, …
 */
export function readAhead(
  source: DatasetSource,
  paths: readonly string[],
  ahead = 3,
): (index: number) => Promise<string> {
  source.willRead?.(paths);
  const started = new Map<number, Promise<string>>();
  return (index) => {
    for (let k = index; k <= index + ahead && k < paths.length; k++) {
      if (started.has(k)) continue;
      const read = source.readText(paths[k] ?? '');
      read.catch(() => undefined); // rejections surface when that index is asked for
      started.set(k, read);
    }
    const text = started.get(index) ?? source.readText(paths[index] ?? '');
    started.delete(index);
    return text;
  };
}

/** Parses one JSON file; a parse failure is a whole-file exclusion (index -1) and yields undefined. */
export async function readJson(
  source: DatasetSource,
  path: string,
  c: LoadCollector,
  read: Promise<string> = source.readText(path),
): Promise<unknown> {
  const text = stripBom(await read);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    c.exclude(path, -1, '', 'parse-error', `not valid JSON (${jsonErrorDetail(e, text)})`);
    return undefined;
  }
}

/** Parses a JSON file that must hold an array of records; anything else is a whole-file exclusion. */
export async function readJsonArray(
  source: DatasetSource,
  path: string,
  c: LoadCollector,
  read?: Promise<string>,
): Promise<unknown[] | undefined> {
  const data = await readJson(source, path, c, read);
  if (data === undefined) return undefined;
  if (!Array.isArray(data)) {
    c.exclude(path, -1, '', 'bad-file', 'expected a JSON array of records');
    return undefined;
  }
  return data;
}

/**
 * Parses JSON lines. Blank lines are skipped; a line that is not JSON is returned as `undefined` at its
 * record index so the caller counts and excludes it with the right index.
 */
export function parseJsonLines(text: string): { records: unknown[]; errors: Map<number, string> } {
  const records: unknown[] = [];
  const errors = new Map<number, string>();
  for (const line of stripBom(text).split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as unknown);
    } catch (e) {
      errors.set(records.length, jsonErrorDetail(e, line));
      records.push(undefined);
    }
  }
  return { records, errors };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Among files whose base name is one of `names`, the one nearest the root (then alphabetical). */
export function findNearest(listing: Listing, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDepth = Infinity;
  for (const path of listing.paths) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (!names.includes(base)) continue;
    const depth = path.split('/').length;
    if (depth < bestDepth) {
      best = path;
      bestDepth = depth;
    }
  }
  return best;
}
