// Human-readable renderings of load reports and score summaries for stderr/stdout.
import { describeExpected } from '../core/benchmarks';
import type { Summary } from '../core/score';
import type { LoadReport } from '../core/types';

export function formatLoadReport(r: LoadReport): string {
  const lines = [
    `${r.benchmark} (${r.variant}): ${r.kept} kept of ${r.records} records; ${r.filtered} outside the split/filter; ${r.excluded} excluded` +
      (r.missingImages
        ? `; ${r.missingImages} kept items have missing images (scoring works, running a model on them is refused)`
        : ''),
  ];
  if (r.expected !== undefined) lines.push('  ' + describeExpected(r.kept, r.expected));
  for (const [reason, n] of Object.entries(r.excludedByReason).sort((a, b) => b[1] - a[1]))
    lines.push(`  excluded ${n}× ${reason}`);
  const shown = r.exclusions.slice(0, 10);
  for (const e of shown) lines.push(`    ${e.file}#${e.index} [${e.field}] ${e.reason}`);
  if (r.exclusions.length > shown.length) lines.push(`    … ${r.exclusions.length - shown.length} more`);
  return lines.join('\n') + '\n';
}

export function pct(x: number): string {
  return (100 * x).toFixed(2) + '%';
}

/** One line per group (score --by), keys aligned so the accuracies line up. */
export function formatGroups(by: string, groups: Record<string, Summary>): string {
  const keys = Object.keys(groups);
  if (keys.length === 0) return '';
  const width = Math.max(...keys.map((k) => k.length));
  const lines = [`by ${by}:`];
  for (const [k, g] of Object.entries(groups))
    lines.push(
      `  ${k.padEnd(width)}  n ${g.n}  correct ${g.correct}  accuracy ${g.accuracy.toFixed(4)}  ` +
        `95% CI [${g.interval[0].toFixed(4)}, ${g.interval[1].toFixed(4)}]`,
    );
  return lines.join('\n') + '\n';
}
