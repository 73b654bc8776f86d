// Runs stored in this browser's IndexedDB (src/storage/idb): listed with their accuracy, exported as JSONL,
// deleted, and handed to the Tables page as ResultRuns beside the imported ones.
import { parseResultsJsonl } from '../../core/results';
import type { ResultRun } from '../../core/results';
import { summarize } from '../../core/score';
import { createIdbStore } from '../../storage/idb';
import type { IdbResultStore, RunKey, RunSummary } from '../../storage/idb';
import { downloadText } from '../lib/download';
import { describeError } from '../lib/errors';
import { nextTask } from '../lib/next-task';

export interface StoredRunView {
  key: RunKey;
  summary: RunSummary;
  results: number;
  correct: number;
  errors: number;
  accuracy: number;
}

const keyText = (k: RunKey): string => `${k.model}|${k.benchmark}|${k.variant}`;

class StoredRuns {
  list = $state.raw<StoredRunView[]>([]);
  /** Every stored run's results, for the tables. */
  runs = $state.raw<ResultRun[]>([]);
  error = $state<string | null>(null);
  loaded = $state(false);
  /** The run being written right now (its delete button is disabled). */
  active = $state.raw<RunKey[]>([]);
  private handle: IdbResultStore | null = null;
  private refreshing: Promise<void> | null = null;
  private again = false;

  private store(): IdbResultStore {
    this.handle ??= createIdbStore();
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
        const text = await store.exportRun(s.key);
        await nextTask();
        const parsed = parseResultsJsonl(text, keyText(s.key));
        const results = parsed.runs.flatMap((r) => r.results);
        runs.push(...parsed.runs);
        const sum = summarize(results);
        views.push({
          key: s.key,
          summary: s,
          results: results.length,
          correct: sum.correct,
          errors: sum.errors,
          accuracy: sum.accuracy,
        });
      }
      await nextTask();
      this.list = views;
      this.runs = runs;
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loaded = true;
    }
  }

  isActive(key: RunKey): boolean {
    return this.active.some((k) => keyText(k) === keyText(key));
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
      downloadText(`medvlm-${key.model}-${key.benchmark}-${key.variant}.jsonl`, text, 'application/x-ndjson');
    } catch (e) {
      this.error = describeError(e);
    }
  }
}

export const storedRuns = new StoredRuns();
