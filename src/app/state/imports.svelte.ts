// Imported results files (.jsonl): parsed per file with line-numbered problems, merged into runs for the tables.
// The raw texts persist in localStorage while they are small (< STORE_LIMIT_CHARS); larger imports live in
// memory for this tab only, and the page says so. Full runs belong in IndexedDB (src/storage), not here.
import { mergeRunsReport, parseResultsJsonl } from '../../core/results';
import type { ResultRun } from '../../core/results';

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

class Imports {
  files = $state.raw<ImportedFile[]>([]);
  /** Runs of every imported file, merged by (model, benchmark, variant). */
  runs = $state.raw<ResultRun[]>([]);
  conflicts = $state.raw<string[]>([]);
  persistence = $state<Persistence>('none');
  private raw: RawFile[] = [];
  private parsed: ResultRun[][] = [];

  constructor() {
    const saved = readStorage();
    if (saved.length > 0) this.apply(saved);
  }

  /** Adds files; a file with the same name as an earlier import replaces it, others accumulate. */
  async add(files: Iterable<File>): Promise<void> {
    const incoming: RawFile[] = [];
    for (const f of files) incoming.push({ name: f.name, text: await f.text() });
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
    this.persistence = writeStorage(raw);
  }
}

function readStorage(): RawFile[] {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!text) return [];
    const list: unknown = JSON.parse(text);
    if (!Array.isArray(list)) return [];
    return list.filter((f): f is RawFile => typeof f?.name === 'string' && typeof f?.text === 'string');
  } catch {
    return []; // unreadable storage is not worth failing the page for
  }
}

function writeStorage(raw: RawFile[]): Persistence {
  try {
    const storage = globalThis.localStorage;
    if (storage === undefined) return 'memory-only';
    if (raw.length === 0) {
      storage.removeItem(STORAGE_KEY);
      return 'none';
    }
    const text = JSON.stringify(raw);
    if (text.length > STORE_LIMIT_CHARS) {
      storage.removeItem(STORAGE_KEY);
      return 'memory-only';
    }
    storage.setItem(STORAGE_KEY, text);
    return 'saved';
  } catch {
    return 'memory-only'; // quota exceeded or storage disabled
  }
}

export const imports = new Imports();
