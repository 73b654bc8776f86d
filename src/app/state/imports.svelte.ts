// Imported results files (.jsonl): parsed per file with line-numbered problems, merged into runs for the tables.
// The raw texts persist in localStorage while they are small (< STORE_LIMIT_CHARS); larger imports live in
// memory for this tab only, and the page says so. Full runs belong in IndexedDB (src/storage), not here.
import { mergeRunsReport, parseResultsJsonl } from '../../core/results';
import type { ResultRun } from '../../core/results';
import { webStorage } from '../lib/dom/web-storage';
import type { KeyValueStore } from '../lib/pure/key-value';

const STORAGE_KEY = 'medvlm-bench:imports:v1';
const STORE_LIMIT_CHARS = 2_000_000;

export interface ImportedFile {
  name: string;
  runs: number;
  results: number;
  duplicates: number;
  problems: { line: number; message: string }[];
}

interface RawFile {
  name: string;
  text: string;
}

type Persistence = 'saved' | 'memory-only' | 'none';

/** A file picked by the user (a File in the page). */
export interface TextFile {
  name: string;
  text(): Promise<string>;
}

export class Imports {
  files = $state.raw<ImportedFile[]>([]);
  /** Runs of every imported file, merged by (model, benchmark, variant). */
  runs = $state.raw<ResultRun[]>([]);
  conflicts = $state.raw<string[]>([]);
  persistence = $state<Persistence>('none');
  private raw: RawFile[] = [];
  private parsed: ResultRun[][] = [];

  /** `storage`: where the raw texts persist (localStorage in the page); null keeps them in memory. */
  constructor(private readonly storage: KeyValueStore | null) {
    const saved = readSaved(storage);
    if (saved.length > 0) this.apply(saved);
  }

  /** Adds files; a file with the same name as an earlier import replaces it, others accumulate. */
  async add(files: Iterable<TextFile>): Promise<void> {
    const incoming: RawFile[] = [];
    for (const f of files) incoming.push({ name: f.name, text: await f.text() });
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a scratch lookup, not state
    const names = new Set(incoming.map((f) => f.name));
    this.apply([...this.raw.filter((f) => !names.has(f.name)), ...incoming]);
  }

  remove(name: string): void {
    this.apply(this.raw.filter((f) => f.name !== name));
  }

  clear(): void {
    this.apply([]);
  }

  private apply(raw: RawFile[]): void {
    this.raw = raw;
    const infos: ImportedFile[] = [];
    this.parsed = raw.map((f) => {
      const p = parseResultsJsonl(f.text, f.name);
      infos.push({
        name: f.name,
        runs: p.runs.length,
        results: p.runs.reduce((n, r) => n + r.results.length, 0),
        duplicates: p.duplicates,
        problems: p.problems,
      });
      return p.runs;
    });
    const merged = mergeRunsReport(this.parsed.flat());
    this.files = infos;
    this.runs = merged.runs;
    this.conflicts = merged.conflicts;
    this.persistence = save(this.storage, raw);
  }
}

function readSaved(storage: KeyValueStore | null): RawFile[] {
  const list = storage?.read(STORAGE_KEY);
  if (!Array.isArray(list)) return [];
  return list.filter(
    (f): f is RawFile =>
      typeof (f as Partial<RawFile> | null)?.name === 'string' && typeof (f as Partial<RawFile>).text === 'string',
  );
}

function save(storage: KeyValueStore | null, raw: RawFile[]): Persistence {
  if (storage === null) return 'memory-only';
  if (raw.length === 0) {
    storage.remove(STORAGE_KEY);
    return 'none';
  }
  // The texts' own length first: stringifying a 100 MB import only to find it too large takes seconds.
  if (
    raw.reduce((n, f) => n + f.text.length, 0) > STORE_LIMIT_CHARS ||
    JSON.stringify(raw).length > STORE_LIMIT_CHARS
  ) {
    storage.remove(STORAGE_KEY);
    return 'memory-only';
  }
  return storage.write(STORAGE_KEY, raw) ? 'saved' : 'memory-only'; // quota exceeded or storage disabled
}

export const imports = new Imports(webStorage('local'));
