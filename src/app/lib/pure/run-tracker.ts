// Per-item bookkeeping of a run for the Run page: which items are pending, running, right, wrong or failed,
// matched to generations by prompt text. Plain data (no Svelte) so the page can publish it at its own pace.
import { buildPromptText } from '../../core/prompt';
import { summarize } from '../../core/score';
import type { Item, ItemResult } from '../../core/types';

export type ItemStatus = 'pending' | 'running' | 'correct' | 'wrong' | 'unparsed' | 'error';

export interface TrackedBenchmark {
  benchmark: string;
  title: string;
  variant: string;
  items: readonly Item[];
}

export interface BenchView {
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
  benchmark: string;
  id: string;
  question: string;
}

interface Bench {
  spec: TrackedBenchmark;
  status: Map<string, ItemStatus>;
  results: Map<string, ItemResult>;
}

export function statusOf(r: ItemResult): ItemStatus {
  if (r.error !== undefined) return 'error';
  if (r.correct) return 'correct';
  return r.letter === null ? 'unparsed' : 'wrong';
}

export class RunTracker {
  private readonly benches = new Map<string, Bench>();
  private readonly byPrompt = new Map<string, TrackedItem[]>();

  constructor(specs: readonly TrackedBenchmark[]) {
    for (const spec of specs) {
      this.benches.set(spec.benchmark, {
        spec,
        status: new Map(spec.items.map((i) => [i.id, 'pending'])),
        results: new Map(),
      });
      for (const item of spec.items) {
        const text = buildPromptText(item);
        const list = this.byPrompt.get(text) ?? [];
        list.push({ benchmark: spec.benchmark, id: item.id, question: item.question });
        this.byPrompt.set(text, list);
      }
    }
  }

  /** Items across all benchmarks. */
  get total(): number {
    let n = 0;
    for (const b of this.benches.values()) n += b.spec.items.length;
    return n;
  }

  opened(benchmark: string, stored: readonly ItemResult[]): void {
    for (const r of stored) this.stored(r, benchmark);
  }

  /** The item a generation with this prompt text belongs to (items with the same text are taken in order). */
  started(promptText: string): TrackedItem | null {
    const candidates = this.byPrompt.get(promptText) ?? [];
    const hit = candidates.find((c) => {
      const s = this.benches.get(c.benchmark)?.status.get(c.id);
      return s === 'pending' || s === 'error';
    });
    if (hit === undefined) return null;
    this.benches.get(hit.benchmark)?.status.set(hit.id, 'running');
    return hit;
  }

  stored(result: ItemResult, benchmark: string = result.benchmark): void {
    const b = this.benches.get(benchmark);
    if (b === undefined || !b.status.has(result.id)) return;
    b.status.set(result.id, statusOf(result));
    b.results.set(result.id, result);
  }

  /** Items left running by a cancelled or failed run go back to pending (they were not stored). */
  settle(): void {
    for (const b of this.benches.values())
      for (const [id, s] of b.status) if (s === 'running') b.status.set(id, 'pending');
  }

  views(): BenchView[] {
    return [...this.benches.values()].map(({ spec, status, results }) => {
      const all = [...results.values()];
      const s = summarize(all);
      return {
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
