// The columns of Tables 1–3: one per benchmark, in the catalogue's (the paper's) order, headed by its paper label.
import { BENCHMARK_CATALOGUE, BENCHMARK_IDS } from '../benchmarks/catalogue';
import type { TableColumn } from './types';

export const TABLE_COLUMNS: readonly TableColumn[] = Object.freeze(
  BENCHMARK_IDS.map((benchmark) => Object.freeze({ benchmark, label: BENCHMARK_CATALOGUE[benchmark].paperColumn })),
);

export const TABLE_TITLES: Readonly<Record<1 | 2 | 3, string>> = Object.freeze({
  1: 'Table 1. Accuracy on all items',
  2: 'Table 2. Accuracy on reasoning items',
  3: 'Table 3. Accuracy on understanding items',
});

export const GROUP_LABELS = Object.freeze({
  general: 'General-purpose VLMs',
  medical: 'Medical-specific VLMs',
  other: 'Other',
} as const);
