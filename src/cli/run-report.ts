// The final summary of `medvlm-bench run`: per benchmark its accuracy, parse statuses and results file; then the
// session's throughput and every failure with its reason.
import type { RunFailure, RunOutcome } from '../core/run';
import type { Summary } from '../core/score';
import { formatDuration } from './progress';
import { pct } from './report';

export interface RunReportPart {
  title: string;
  summary: Summary;
  outPath: string;
}

export interface RunReportInput {
  runs: readonly RunReportPart[];
  outcome: RunOutcome;
  /** Where resumed results were read from: the --out file or the --out-dir folder. */
  resumedFrom: string;
}

const MAX_FAILURES_SHOWN = 50;

function formatPart({ title, summary: s, outPath }: RunReportPart): string[] {
  return [
    title,
    `n ${s.n}  correct ${s.correct}  accuracy ${s.accuracy.toFixed(4)}  95% CI [${s.interval[0].toFixed(4)}, ${s.interval[1].toFixed(4)}]  parse failures ${pct(s.parseFailureRate)}`,
    'statuses: ' +
      (Object.entries(s.statuses)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'),
    `results: ${outPath}`,
  ];
}

export function formatRunReport({ runs, outcome, resumedFrom }: RunReportInput): string {
  const p = outcome.progress;
  const generated = p.done - p.resumed + p.failed;
  const seconds = p.elapsedMs / 1000;
  const lines = runs.flatMap(formatPart);
  lines.push(
    `this session: ${generated} generated, ${p.resumed} resumed from ${resumedFrom}, ${formatDuration(seconds)}` +
      (seconds > 0 && generated > 0
        ? `, ${(generated / seconds).toFixed(2)} items/s, ${Math.round(p.outputTokens / seconds)} output tokens/s`
        : ''),
  );
  if (outcome.status === 'cancelled') {
    lines.push(`cancelled: ${p.total - p.done - p.failed} items not run yet. Rerun the same command to resume.`);
  }
  if (outcome.failures.length > 0) {
    const several = new Set(outcome.failures.map((f) => f.benchmark)).size > 1 || runs.length > 1;
    lines.push(`failed ${outcome.failures.length} (stored with the reason; rerunning the same command retries them):`);
    lines.push(...groupedCounts(outcome.failures));
    for (const f of outcome.failures.slice(0, MAX_FAILURES_SHOWN))
      lines.push(`  ${several ? `${f.benchmark} ` : ''}${f.id}  ${f.code}  ${f.message.replace(/\s+/g, ' ')}`);
    if (outcome.failures.length > MAX_FAILURES_SHOWN)
      lines.push(`  … ${outcome.failures.length - MAX_FAILURES_SHOWN} more (see the "error" field in the results)`);
  }
  lines.push(`tables: medvlm-bench tables ${runs.map((r) => r.outPath).join(' ')}`);
  return lines.join('\n') + '\n';
}

function groupedCounts(failures: readonly RunFailure[]): string[] {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `  ${n}× ${code}`);
}
