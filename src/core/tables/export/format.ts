// Number formatting and row walking shared by the exporters, so every format prints the same digits.
import type { CellSample, Table, TableGroup, TableRow } from '../types';

/** Accuracy as the paper prints it: 4 decimals. */
export function formatValue(value: number): string {
  return value.toFixed(4);
}

/** Always signed; a difference that rounds to zero prints as +0.000…, never -0.000…. */
export function formatSigned(value: number, digits: number): string {
  const abs = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(abs) !== 0 ? '-' : '+'}${abs}`;
}

/** Half the width of an interval: what "±" shows. */
export function halfWidth(interval: readonly [number, number]): number {
  return (interval[1] - interval[0]) / 2;
}

export function eachRow(table: Table, fn: (row: TableRow, group: TableGroup, indexInGroup: number) => void): void {
  for (const group of table.groups) group.rows.forEach((row, i) => fn(row, group, i));
}

export const PAPER_ROW_SUFFIX = '(paper)';

/** The words every format prints beside a sampled cell: "sample n=10". */
export function sampleMark(sample: CellSample): string {
  return `sample n=${sample.n}`;
}
