// The shape of an assembled Table 1/2/3: groups of rows, one cell per benchmark column, each cell shaded.
// Exporters (markdown, csv, latex, json) read only this shape.
import type { BenchmarkId } from '../types';
import type { TableKind } from './registry';

export type { TableKind } from './registry';

/** Bumped when the JSON export's shape changes. */
export const TABLE_FORMAT_VERSION = 1;

/** 0–4, darker = higher within the column (see shading.ts for the rule). */
export type ShadeLevel = 0 | 1 | 2 | 3 | 4;

export interface TableColumn {
  benchmark: BenchmarkId;
  /** Column header as printed in the paper. */
  label: string;
}

export interface MeasuredCell {
  source: 'measured';
  /** Accuracy = correct / n. */
  value: number;
  n: number;
  correct: number;
  /** 95% Wilson interval of the accuracy. */
  interval: [number, number];
  /** Share of items with an output but no mapped answer (failed generations excluded), from summarize. */
  parseFailureRate: number;
  /** Items whose generation failed (error set); they count as wrong, as in score/summarize. */
  errors: number;
  /** Items of the run left out of this table because they carry no tag (Tables 2 and 3 only). */
  untagged: number;
  /** The paper's value for this model, column and table; null when the paper has none. */
  paper: number | null;
  /** value − paper; null when paper is null. */
  diff: number | null;
  shade: ShadeLevel;
  /** Which variant of the benchmark this cell was computed on. */
  variant: string;
  /** Set when the cell's run covers a sample of the benchmark: n of population items, drawn with this seed. */
  sample: CellSample | null;
}

/** A cell's sample marker: what every exporter prints beside a number that does not cover the whole benchmark. */
export interface CellSample {
  n: number;
  seed: number;
  population: number;
}

export interface PaperCell {
  source: 'paper';
  value: number;
  shade: ShadeLevel;
}

export type TableCell = MeasuredCell | PaperCell;

export interface TableRow {
  /** Registry model id (the merge key); for unknown models the id found in the results. */
  model: string;
  /** Paper rows: the paper's printed label (typos kept). Measured rows: the registry label. */
  label: string;
  source: 'measured' | 'paper';
  cells: Record<BenchmarkId, TableCell | null>;
}

export type TableGroupId = 'general' | 'medical' | 'other';

export interface TableGroup {
  id: TableGroupId;
  label: string;
  rows: TableRow[];
}

export interface Table {
  kind: TableKind;
  title: string;
  columns: readonly TableColumn[];
  /** Only non-empty groups, in the order general, medical, other. */
  groups: TableGroup[];
  /** Everything a reader must know to interpret the numbers: untagged items, merge conflicts, variant choices. */
  notes: string[];
}
