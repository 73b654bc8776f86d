// Problem lists that stay small whatever the file: a file with 100,000 bad lines keeps the first few by line
// number and counts the rest, and every reader (CLI, page) shows the first SHOWN_PROBLEMS and "… and N more".
import type { JsonlProblem } from './jsonl';

/** Problems kept per list (the rest are counted): enough to page through, small enough for any file. */
export const KEPT_PROBLEMS = 100;
/** Problems shown per file on a terminal or a page before "… and N more". */
export const SHOWN_PROBLEMS = 20;

/** A capped list: the first problems by line number, and how many there were in all. */
export interface ProblemList {
  total: number;
  shown: JsonlProblem[];
}

export class ProblemLog {
  private kept: JsonlProblem[] = [];
  private count = 0;

  constructor(private readonly cap: number = KEPT_PROBLEMS) {}

  /** Keeps the `cap` lowest line numbers seen (stable for equal lines), whatever order they arrive in. */
  add(problem: JsonlProblem): void {
    this.count += 1;
    const kept = this.kept;
    const last = kept.at(-1);
    if (kept.length >= this.cap && last !== undefined && problem.line >= last.line) return;
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((kept[mid]?.line ?? 0) <= problem.line) lo = mid + 1;
      else hi = mid;
    }
    kept.splice(lo, 0, problem);
    if (kept.length > this.cap) kept.pop();
  }

  get total(): number {
    return this.count;
  }

  list(): ProblemList {
    return { total: this.count, shown: [...this.kept] };
  }
}

/**
 * Lines to print for one file's problems: "<file>:<line>: message" for the first `max`, then one line saying how
 * many more there are. `total` counts every problem, also those no longer kept.
 */
export function formatProblems(
  file: string,
  problems: readonly JsonlProblem[],
  total: number,
  max: number = SHOWN_PROBLEMS,
): string[] {
  const shown = problems.slice(0, max);
  const lines = shown.map((p) => `${file}:${p.line}: ${p.message}`);
  if (total > shown.length) lines.push(`${file}: … and ${total - shown.length} more (first ${shown.length} shown)`);
  return lines;
}
