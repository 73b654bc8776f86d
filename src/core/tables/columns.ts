// The columns of Tables 1–3: one per benchmark, in the catalogue's (the paper's) order, headed by its paper label.
import { BENCHMARK_CATALOGUE, BENCHMARK_IDS } from '../benchmarks/catalogue';
import type { TableColumn } from './types';

export const TABLE_COLUMNS: readonly TableColumn[] = Object.freeze(
  BENCHMARK_IDS.map((benchmark) => Object.freeze({ benchmark, label: BENCHMARK_CATALOGUE[benchmark].paperColumn })),
);

export const GROUP_LABELS = Object.freeze({
  general: 'General-purpose VLMs',
  medical: 'Medical-specific VLMs',
  other: 'Other',
} as const);
