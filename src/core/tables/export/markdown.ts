// Markdown export: the paper's grid, measured cells as "accuracy ±half-interval (Δ vs paper)",
// the paper's reference rows marked "(paper)", each column's highest value in bold, notes below.
import type { BenchmarkId } from '../../types';
import type { MeasuredCell, Table, TableCell } from '../types';
import { PAPER_ROW_SUFFIX, eachRow, formatSigned, formatValue, halfWidth, sampleMark } from './format';

export function toMarkdown(table: Table): string {
  const lines: string[] = [`### ${escapeCell(table.title)}`, ''];
  lines.push(`| Model | ${table.columns.map((c) => escapeCell(c.label)).join(' | ')} |`);
  lines.push(`|---|${table.columns.map(() => '---:').join('|')}|`);
  const best = columnMaxima(table);
  let currentGroup = '';
  eachRow(table, (row, group) => {
    if (group.id !== currentGroup) {
      currentGroup = group.id;
      lines.push(`| **${escapeCell(group.label)}** |${table.columns.map(() => ' ').join('|')}|`);
    }
    const label = row.source === 'paper' ? `${escapeCell(row.label)} *${PAPER_ROW_SUFFIX}*` : escapeCell(row.label);
    const cells = table.columns.map((c) => formatCell(row.cells[c.benchmark] ?? null, best.get(c.benchmark)));
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  });
  lines.push('');
  lines.push(
    'Measured cells: accuracy ±half-width of the 95% Wilson interval, (Δ measured − paper). ' +
      "Rows marked *(paper)* are the paper's published values. **Bold**: the column's highest value. — : no data." +
      (hasSample(table) ? ' *sample n=…*: computed on a seeded sample of the benchmark (see the notes).' : ''),
  );
  if (table.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of table.notes) lines.push(`- ${escapeNote(note)}`);
  }
  return `${lines.join('\n')}\n`;
}

function hasSample(table: Table): boolean {
  let found = false;
  eachRow(table, (row) => {
    for (const c of table.columns) {
      const cell = row.cells[c.benchmark] ?? null;
      if (cell !== null && cell.source === 'measured' && cell.sample !== null) found = true;
    }
  });
  return found;
}

function columnMaxima(table: Table): Map<BenchmarkId, number> {
  const best = new Map<BenchmarkId, number>();
  eachRow(table, (row) => {
    for (const c of table.columns) {
      const cell = row.cells[c.benchmark] ?? null;
      if (cell !== null && cell.value > (best.get(c.benchmark) ?? -Infinity)) best.set(c.benchmark, cell.value);
    }
  });
  return best;
}

function formatCell(cell: TableCell | null, best: number | undefined): string {
  if (cell === null) return '—';
  const value = cell.value === best ? `**${formatValue(cell.value)}**` : formatValue(cell.value);
  if (cell.source === 'paper') return value;
  const sample = cell.sample === null ? '' : ` *${sampleMark(cell.sample)}*`;
  return `${value} ±${halfWidth(cell.interval).toFixed(3)}${formatDiff(cell)}${sample}`;
}

function formatDiff(cell: MeasuredCell): string {
  return cell.diff === null ? '' : ` (Δ ${formatSigned(cell.diff, 3)})`;
}

/**
 * Keeps labels literal: table pipes, emphasis and link brackets are backslash-escaped, `<` becomes an entity (no HTML
 * or autolink from a model name), newlines flattened.
 */
function escapeCell(text: string): string {
  return text
    .replace(/[\\|*_`[\]]/g, (ch) => `\\${ch}`)
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

/**
 * Notes are prose (their own emphasis may stay), but they quote model names and files: link syntax and HTML from
 * that data never become a link, an image or a tag.
 */
function escapeNote(text: string): string {
  return text
    .replace(/[\\[\]]/g, (ch) => `\\${ch}`)
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}
