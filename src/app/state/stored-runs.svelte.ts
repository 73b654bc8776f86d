// Runs stored in this browser (src/storage/idb): listed with their accuracy, exported as JSONL, deleted, and handed
// to the Tables page as ResultRuns beside the imported ones. Read as stored records, never through JSONL.
import type { ResultRun } from '../../core/results';
import { runIdentityText } from '../../core/run/compat';
import { summarize } from '../../core/score';
import type { SampleInfo } from '../../core/types';
import { createIdbStore } from '../../storage/idb';
import { downloadText } from '../lib/dom/download';
import { nextTask } from '../lib/dom/next-task';
import { describeError } from '../lib/pure/errors';
import type { RunKey, RunSummary, RunsCatalogue } from '../lib/pure/ports';

export interface StoredRunView {
  key: RunKey;
  summary: RunSummary;
  results: number;
  correct: number;
  errors: number;
  accuracy: number;
}

export interface StoredRunsDeps {
  /** Opened on first use. */
  catalogue: () => RunsCatalogue;
  /** Ends the current task between runs, so a long list does not read as one long task. */
  nextTask: () => Promise<void>;
  /** Saves a text as a file for the user. */
  download: (fileName: string, text: string, mime: string) => void;
}

/**
 * The export's file name: model, benchmark, variant, then what tells runs of those apart (the data's hash, and the
 * sample), so a demo slice's run and a full release's do not download under one name.
 */
export function exportFileName(k: RunKey, sample: SampleInfo | undefined): string {
  const data = /^[0-9a-f]{64}$/.test(k.data) ? k.data.slice(0, 8) : k.data;
  const drawn = sample === undefined ? '' : `-sample-n${sample.n}-seed${sample.seed}`;
  return `medvlm-${k.model}-${k.benchmark}-${k.variant}-${data}${drawn}.jsonl`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

export class StoredRuns {
  list = $state.raw<StoredRunView[]>([]);
  /** Every stored run's results, for the tables. */
  runs = $state.raw<ResultRun[]>([]);
  error = $state<string | null>(null);
  loaded = $state(false);
  /** The runs being written right now (their delete buttons are disabled). */
  active = $state.raw<RunKey[]>([]);
  private handle: RunsCatalogue | null = null;
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: StoredRunsDeps) {}

  private store(): RunsCatalogue {
    this.handle ??= this.deps.catalogue();
    return this.handle;
  }

  /** Re-reads the database; calls made while one is running coalesce into one more pass. */
  refresh(): Promise<void> {
    if (this.refreshing !== null) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        await this.readAll();
      } while (this.again);
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async readAll(): Promise<void> {
    try {
      const store = this.store();
      const summaries = await store.listRuns();
      const views: StoredRunView[] = [];
      const runs: ResultRun[] = [];
      for (const s of summaries) {
        const run = await store.loadRun(s.key);
        await this.deps.nextTask();
        runs.push(run);
        const sum = summarize(run.results);
        views.push({
          key: s.key,
          summary: s,
          results: run.results.length,
          correct: sum.correct,
          errors: sum.errors,
          accuracy: sum.accuracy,
        });
      }
      await this.deps.nextTask();
      this.list = views;
      this.runs = runs;
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loaded = true;
    }
  }

  /** Marks the runs being written now (none: []). */
  setActive(keys: RunKey[]): void {
    this.active = keys;
  }

  isActive(key: RunKey): boolean {
    return this.active.some((k) => runIdentityText(k) === runIdentityText(key));
  }

  async remove(key: RunKey): Promise<void> {
    try {
      await this.store().deleteRun(key);
    } catch (e) {
      this.error = describeError(e);
    }
    await this.refresh();
  }

  async download(key: RunKey): Promise<void> {
    try {
      const text = await this.store().exportRun(key);
      const sample = this.list.find((v) => runIdentityText(v.key) === runIdentityText(key))?.summary.manifest.sample;
      this.deps.download(exportFileName(key, sample), text, 'application/x-ndjson');
    } catch (e) {
      this.error = describeError(e);
    }
  }
}

export const storedRuns = new StoredRuns({ catalogue: () => createIdbStore(), nextTask, download: downloadText });
