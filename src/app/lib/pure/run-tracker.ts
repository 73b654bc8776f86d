// Per-item bookkeeping of a run for the Run page: which items are pending, running, right, wrong or failed, and
// the streamed output of the one item being watched, from the engine's item events (by run and id: two runs of one
// benchmark in one plan, e.g. its demo slice and its full release, share item ids).
// Plain data (no Svelte) so the page can publish it at its own pace.
import type { ItemRef, RunProgress } from '../../../core/run';
import { summarize } from '../../../core/score';
import type { Item, ItemResult } from '../../../core/types';

export type ItemStatus = 'pending' | 'running' | 'correct' | 'wrong' | 'unparsed' | 'error';

export interface TrackedBenchmark {
  /** The plan's entry it runs (a bundled id or a loaded dataset's entry): unique within a plan. */
  entry: string;
  benchmark: string;
  title: string;
  variant: string;
  items: readonly Item[];
}

export interface BenchView {
  /** The run's index in the plan (ItemRef.run): the view's key. */
  run: number;
  entry: string;
  benchmark: string;
  title: string;
  variant: string;
  total: number;
  /** Items with a result (errors excluded). */
  answered: number;
  correct: number;
  errors: number;
  /** correct / answered-or-failed so far; null before the first result. */
  accuracy: number | null;
  items: { id: string; status: ItemStatus; question: string }[];
}

export interface TrackedItem {
  run: number;
  benchmark: string;
  id: string;
  question: string;
}

/** The item whose output streams into the Run page: one at a time, the next started once it is done. */
export interface WatchedView extends TrackedItem {
  text: string;
  done: boolean;
}

interface Bench {
  spec: TrackedBenchmark;
  status: Map<string, ItemStatus>;
  results: Map<string, ItemResult>;
  questions: Map<string, string>;
}

export function statusOf(r: ItemResult): ItemStatus {
  if (r.error !== undefined) return 'error';
  if (r.correct) return 'correct';
  return r.letter === null ? 'unparsed' : 'wrong';
}

export class RunTracker {
  /** By run index, in the order of the engine's runs. */
  private readonly benches: Bench[];
  private watch: WatchedView | null = null;

  constructor(specs: readonly TrackedBenchmark[]) {
    this.benches = specs.map((spec) => ({
      spec,
      status: new Map(spec.items.map((i) => [i.id, 'pending'])),
      results: new Map(),
      questions: new Map(spec.items.map((i) => [i.id, i.question])),
    }));
  }

  /** Items across all benchmarks. */
  get total(): number {
    let n = 0;
    for (const b of this.benches) n += b.spec.items.length;
    return n;
  }

  /** The progress shown before the engine reports: nothing done yet. */
  initialProgress(): RunProgress {
    return {
      state: 'running',
      total: this.total,
      done: 0,
      failed: 0,
      resumed: 0,
      inFlight: 0,
      itemsPerS: 0,
      outputTokensPerS: 0,
      etaS: null,
      elapsedMs: 0,
      outputTokens: 0,
    };
  }

  /** The run's store opened holding these results. */
  opened(run: number, stored: readonly ItemResult[]): void {
    for (const r of stored) this.stored(r, run);
  }

  /** The item's generation started; true when it becomes the watched item (its output is then wanted). */
  started(item: ItemRef): boolean {
    const b = this.benches[item.run];
    const question = b?.questions.get(item.id);
    if (b === undefined || question === undefined) return false;
    b.status.set(item.id, 'running');
    if (this.watch !== null && !this.watch.done) return false;
    this.watch = { run: item.run, benchmark: item.benchmark, id: item.id, question, text: '', done: false };
    return true;
  }

  token(item: ItemRef, piece: string): void {
    const w = this.watching(item);
    if (w !== null) w.text += piece;
  }

  ended(item: ItemRef): void {
    const w = this.watching(item);
    if (w !== null) w.done = true;
  }

  /** A copy of the watched item's view, or null before any item started. */
  watched(): WatchedView | null {
    return this.watch === null ? null : { ...this.watch };
  }

  private watching(item: ItemRef): WatchedView | null {
    const w = this.watch;
    return w !== null && w.id === item.id && w.run === item.run ? w : null;
  }

  /** A result of the run at this index was stored. */
  stored(result: ItemResult, run: number): void {
    const b = this.benches[run];
    if (b === undefined || !b.status.has(result.id)) return;
    b.status.set(result.id, statusOf(result));
    b.results.set(result.id, result);
  }

  /** Items left running by a cancelled or failed run go back to pending (they were not stored). */
  settle(): void {
    for (const b of this.benches) for (const [id, s] of b.status) if (s === 'running') b.status.set(id, 'pending');
  }

  views(): BenchView[] {
    return this.benches.map(({ spec, status, results }, run) => {
      const all = [...results.values()];
      const s = summarize(all);
      return {
        run,
        entry: spec.entry,
        benchmark: spec.benchmark,
        title: spec.title,
        variant: spec.variant,
        total: spec.items.length,
        answered: all.length - s.errors,
        correct: s.correct,
        errors: s.errors,
        accuracy: all.length === 0 ? null : s.accuracy,
        items: spec.items.map((i) => ({ id: i.id, status: status.get(i.id) ?? 'pending', question: i.question })),
      };
    });
  }
}
