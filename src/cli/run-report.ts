// The final summary of `medvlm-bench run`: accuracy, parse statuses, throughput, and every failure with its reason.
import type { RunFailure, RunOutcome } from '../core/run';
import type { Summary } from '../core/score';
import { formatDuration } from './progress';
import { pct } from './report';

export interface RunReportInput {
  title: string;
  summary: Summary;
  outcome: RunOutcome;
  outPath: string;
}

const MAX_FAILURES_SHOWN = 50;

export function formatRunReport({ title, summary: s, outcome, outPath }: RunReportInput): string {
  const p = outcome.progress;
  const generated = p.done - p.resumed + p.failed;
  const seconds = p.elapsedMs / 1000;
  const lines = [
    title,
    `n ${s.n}  correct ${s.correct}  accuracy ${s.accuracy.toFixed(4)}  95% CI [${s.interval[0].toFixed(4)}, ${s.interval[1].toFixed(4)}]  parse failures ${pct(s.parseFailureRate)}`,
    'statuses: ' +
      (Object.entries(s.statuses)
        .filter(([, n]) => n > 0)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ') || 'none'),
    `this session: ${generated} generated, ${p.resumed} resumed from ${outPath}, ${formatDuration(seconds)}` +
      (seconds > 0 && generated > 0
        ? `, ${(generated / seconds).toFixed(2)} items/s, ${Math.round(p.outputTokens / seconds)} output tokens/s`
        : ''),
  ];
  if (outcome.status === 'cancelled') {
    lines.push(`cancelled: ${p.total - p.done - p.failed} items not run yet. Rerun the same command to resume.`);
  }
  if (outcome.failures.length > 0) {
    lines.push(
      `failed ${outcome.failures.length} (stored with the reason; rerunning with the same --out retries them):`,
    );
    lines.push(...groupedCounts(outcome.failures));
    for (const f of outcome.failures.slice(0, MAX_FAILURES_SHOWN))
      lines.push(`  ${f.id}  ${f.code}  ${f.message.replace(/\s+/g, ' ')}`);
    if (outcome.failures.length > MAX_FAILURES_SHOWN)
      lines.push(`  … ${outcome.failures.length - MAX_FAILURES_SHOWN} more (see the "error" field in ${outPath})`);
  }
  lines.push(`results: ${outPath}   (tables: medvlm-bench tables ${outPath})`);
  return lines.join('\n') + '\n';
}

function groupedCounts(failures: readonly RunFailure[]): string[] {
  const counts = new Map<string, number>();
  for (const f of failures) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([code, n]) => `  ${n}× ${code}`);
}
