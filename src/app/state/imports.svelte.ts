// Imported results files (.jsonl): parsed per file with line-numbered problems, merged into runs for the tables.
// The raw texts persist in localStorage while they are small (< STORE_LIMIT_CHARS); larger imports live in
// memory for this tab only, and the page says so. A large file is read as a stream, line by line, and only its
// parsed runs are kept (no string of the whole file); while it is read, its first lines are offered as `reading`
// (the inspector shows them before the rest arrive) and `progress` says how far it is. Full runs belong in IndexedDB
// (src/storage), not here.
import { createResultsReader, mergeRunsReport, parseResultsJsonl } from '../../core/results';
import type { ParsedResults, ProblemList, ResultRun } from '../../core/results';
import { afterNextPaint, nextTask } from '../lib/dom/next-task';
import { webStorage } from '../lib/dom/web-storage';
import type { KeyValueStore } from '../lib/pure/key-value';

const STORAGE_KEY = 'medvlm-bench:imports:v1';
const STORE_LIMIT_CHARS = 2_000_000;
/** Bytes of a streamed file read before its first lines are offered (a few hundred result lines: a first screen). */
const FIRST_LOOK_BYTES = 256 * 1024;
/** The progress shown moves in steps of at least this fraction of the file (each step re-renders what shows it). */
const PROGRESS_STEP = 0.02;
/**
 * Longest stretch of reading between yields to the page. A file's chunks are mostly buffered already, so each read
 * resolves at once: without yields, reading 100 MB was one 1.5 s task, the first lines shown but the page frozen.
 */
const READ_SLICE_MS = 40;

/** How the reader hands the page back: ending a task, waiting for frames (lib/dom/next-task.ts in the page). */
export interface ReadHost {
  nextTask(): Promise<void>;
  /** Resolves once the page has shown what was just set (a large file's first lines). */
  afterPaint(): Promise<void>;
  now(): number;
}

const instantHost: ReadHost = {
  nextTask: () => Promise.resolve(),
  afterPaint: () => Promise.resolve(),
  now: () => 0,
};

export interface ImportedFile {
  name: string;
  runs: number;
  results: number;
  duplicates: number;
  /** The first problems by line (the parser keeps a capped list); `problemCount` counts them all. */
  problems: { line: number; message: string }[];
  problemCount: number;
  /** Result lines whose stored `correct` contradicted their letter and gold (recounted), and those with
   * implausible numbers (now unknown): the first few, and how many in all. */
  recounted: ProblemList;
  clamped: ProblemList;
}

interface RawFile {
  name: string;
  text: string;
}

/** An imported file: its parse, and its text while it is small enough to persist (null for a streamed one). */
interface Entry {
  name: string;
  text: string | null;
  parsed: ParsedResults;
}

type Persistence = 'saved' | 'memory-only' | 'none';

/** A streamed file being read: how far. */
export interface ReadProgress {
  name: string;
  bytes: number;
  size: number;
}

/** A file picked by the user (a File in the page). */
export interface TextFile {
  name: string;
  text(): Promise<string>;
  /** Present on a File: a file over STORE_LIMIT_CHARS bytes is streamed instead of read into one string. */
  size?: number;
  stream?(): ReadableStream<Uint8Array>;
}

export class Imports {
  files = $state.raw<ImportedFile[]>([]);
  /** Runs of every imported file, merged by (model, benchmark, variant). */
  runs = $state.raw<ResultRun[]>([]);
  /** Every imported run as its file holds it, before merging: the tables' local-vs-server agreement needs each side. */
  unmerged = $state.raw<ResultRun[]>([]);
  conflicts = $state.raw<string[]>([]);
  persistence = $state<Persistence>('none');
  /**
   * The runs of the large file being read, as far as its first lines go (after those of the files picked with it and
   * read before it); [] when none is read. Only the inspector shows them (a first screen while the rest is read): no
   * table, plot or comparison counts a run before every file picked with it is read.
   */
  reading = $state.raw<ResultRun[]>([]);
  /** The large file being read and how far, or null. */
  progress = $state.raw<ReadProgress | null>(null);
  private entries: Entry[] = [];

  /** `storage`: where the raw texts persist (localStorage in the page); null keeps them in memory. */
  constructor(
    private readonly storage: KeyValueStore | null,
    private readonly host: ReadHost = instantHost,
  ) {
    const saved = readSaved(storage);
    if (saved.length > 0) this.apply(saved.map((f) => ({ ...f, parsed: parseResultsJsonl(f.text, f.name) })));
  }

  /** Adds files; a file with the same name as an earlier import replaces it, others accumulate. */
  async add(files: Iterable<TextFile>): Promise<void> {
    const incoming: Entry[] = [];
    try {
      for (const f of files)
        incoming.push(
          await readEntry(f, this.host, {
            firstLook: (runs) => {
              // The files read whole before this one stay listed while it is read.
              this.reading = [...incoming.flatMap((e) => e.parsed.runs), ...runs];
              return this.host.afterPaint();
            },
            progress: (p) => (this.progress = p),
          }),
        );
      // The read's last slice ends here: merging and indexing the runs start a task of their own.
      if (incoming.some((e) => e.text === null)) await this.host.nextTask();
    } finally {
      this.reading = [];
      this.progress = null;
    }
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a scratch lookup, not state
    const names = new Set(incoming.map((f) => f.name));
    this.apply([...this.entries.filter((f) => !names.has(f.name)), ...incoming]);
  }

  remove(name: string): void {
    this.apply(this.entries.filter((f) => f.name !== name));
  }

  clear(): void {
    this.apply([]);
  }

  private apply(entries: Entry[]): void {
    this.entries = entries;
    const infos: ImportedFile[] = [];
    const parsed = entries.map((f) => {
      const p = f.parsed;
      infos.push({
        name: f.name,
        runs: p.runs.length,
        results: p.runs.reduce((n, r) => n + r.results.length, 0),
        duplicates: p.duplicates,
        problems: p.problems,
        problemCount: p.problemCount,
        recounted: p.recounted,
        clamped: p.clamped,
      });
      return p.runs;
    });
    const merged = mergeRunsReport(parsed.flat());
    this.files = infos;
    this.runs = merged.runs;
    this.unmerged = parsed.flat();
    this.conflicts = merged.conflicts;
    this.persistence = save(this.storage, entries);
  }
}

interface ReadListener {
  /** A large file's runs after its first FIRST_LOOK_BYTES (once per file); reading goes on when it resolves. */
  firstLook(runs: ResultRun[]): Promise<void>;
  progress(p: ReadProgress): void;
}

async function readEntry(f: TextFile, host: ReadHost, listener: ReadListener): Promise<Entry> {
  if (f.stream === undefined || (f.size ?? 0) <= STORE_LIMIT_CHARS) {
    const text = await f.text();
    return { name: f.name, text, parsed: parseResultsJsonl(text, f.name) };
  }
  const size = f.size ?? 0;
  const reader = createResultsReader(f.name);
  // A streaming decoder: a multi-byte character split between two chunks decodes whole.
  const decoder = new TextDecoder();
  const chunks = f.stream().getReader();
  let bytes = 0;
  let shown = 0;
  let looked = false;
  listener.progress({ name: f.name, bytes, size });
  let sliceStart = host.now();
  for (;;) {
    if (host.now() - sliceStart > READ_SLICE_MS) {
      await host.nextTask();
      sliceStart = host.now();
    }
    const { done, value } = await chunks.read();
    if (done) break;
    reader.push(decoder.decode(value, { stream: true }));
    bytes += value.length;
    if (!looked && bytes >= FIRST_LOOK_BYTES) {
      looked = true;
      await listener.firstLook(reader.peek());
    }
    if (bytes - shown >= size * PROGRESS_STEP) {
      shown = bytes;
      listener.progress({ name: f.name, bytes, size });
    }
  }
  reader.push(decoder.decode());
  return { name: f.name, text: null, parsed: reader.end() };
}

function readSaved(storage: KeyValueStore | null): RawFile[] {
  const list = storage?.read(STORAGE_KEY);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (f): f is RawFile =>
      typeof (f as Partial<RawFile> | null)?.name === 'string' && typeof (f as Partial<RawFile>).text === 'string',
  );
}

function save(storage: KeyValueStore | null, entries: Entry[]): Persistence {
  if (storage === null) return 'memory-only';
  if (entries.length === 0) {
    storage.remove(STORAGE_KEY);
    return 'none';
  }
  const raw: RawFile[] = [];
  for (const e of entries) if (e.text !== null) raw.push({ name: e.name, text: e.text });
  // The texts' own length first: stringifying a 100 MB import only to find it too large takes seconds.
  if (
    raw.length < entries.length ||
    raw.reduce((n, f) => n + f.text.length, 0) > STORE_LIMIT_CHARS ||
    JSON.stringify(raw).length > STORE_LIMIT_CHARS
  ) {
    storage.remove(STORAGE_KEY);
    return 'memory-only';
  }
  return storage.write(STORAGE_KEY, raw) ? 'saved' : 'memory-only'; // quota exceeded or storage disabled
}

export const imports = new Imports(webStorage('local'), {
  nextTask,
  // Two frames: in the first the inspector's list measures its viewport and renders its rows, the second paints them.
  afterPaint: () => afterNextPaint().then(afterNextPaint),
  now: () => performance.now(),
});
