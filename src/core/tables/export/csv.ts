// CSV export in long form (one line per cell), lossless and ready for a spreadsheet or pandas.
// RFC 4180: CRLF line ends; a field with a comma, quote, CR or LF is quoted, quotes doubled. Text from the data
// (model ids, labels, variants) that a spreadsheet would run as a formula is neutralised (OWASP CSV injection).
import type { Table } from '../types';
import { eachRow, formatValue } from './format';

export const CSV_HEADER = [
  'table',
  'group',
  'model',
  'label',
  'source',
  'benchmark',
  'column',
  'variant',
  'value',
  'n',
  'correct',
  'ci_low',
  'ci_high',
  'paper',
  'diff',
  'parse_failure_rate',
  'errors',
  'untagged',
  'shade',
  // last, so that readers of the columns above are unaffected; empty for a cell over every item
  'sample_n',
  'sample_seed',
  'sample_population',
] as const;

export function toCsv(table: Table): string {
  return tablesToCsv([table]);
}

/** Several tables as one long-form CSV: one header, then each table's records (its `table` column says which). */
export function tablesToCsv(tables: readonly Table[]): string {
  const records: string[][] = [[...CSV_HEADER]];
  for (const table of tables) appendRecords(table, records);
  return records
    .map((r) => r.map(quoteCsv).join(','))
    .join('\r\n')
    .concat('\r\n');
}

function appendRecords(table: Table, records: string[][]): void {
  eachRow(table, (row, group) => {
    for (const col of table.columns) {
      const cell = row.cells[col.benchmark] ?? null;
      if (cell === null) continue;
      const common = [String(table.kind), group.label, row.model, row.label, row.source, col.benchmark, col.label].map(
        neutraliseCsv,
      );
      if (cell.source === 'paper') {
        records.push([
          ...common,
          '',
          formatValue(cell.value),
          '',
          '',
          '',
          '',
          formatValue(cell.value),
          '',
          '',
          '',
          '',
          String(cell.shade),
          '',
          '',
          '',
        ]);
      } else {
        records.push([
          ...common,
          neutraliseCsv(cell.variant),
          formatValue(cell.value),
          String(cell.n),
          String(cell.correct),
          formatValue(cell.interval[0]),
          formatValue(cell.interval[1]),
          cell.paper === null ? '' : formatValue(cell.paper),
          cell.diff === null ? '' : formatValue(cell.diff),
          formatValue(cell.parseFailureRate),
          String(cell.errors),
          String(cell.untagged),
          String(cell.shade),
          cell.sample === null ? '' : String(cell.sample.n),
          cell.sample === null ? '' : String(cell.sample.seed),
          cell.sample === null ? '' : String(cell.sample.population),
        ]);
      }
    }
  });
}

/**
 * OWASP's CSV-injection rule: a text cell starting with =, +, -, @, tab or CR is prefixed with a single quote, so a
 * spreadsheet shows it as text instead of evaluating it. Applied to text fields only: the numbers this module formats
 * itself (a negative difference "-0.0123") stay numbers.
 */
export function neutraliseCsv(field: string): string {
  return /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
}

export function quoteCsv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
