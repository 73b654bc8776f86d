// What a benchmark is: a literal description plus one load function from raw files to items.
// Kept apart from index.ts so each adapter can import the type without importing the registry.
import type { BenchmarkId, LoadResult } from '../types';
import type { DatasetSource } from '../ports';

export interface BenchmarkDef {
  id: BenchmarkId;
  title: string;
  /** Column header in the paper's tables: 'MedXpert', 'OmniMedVQA', 'PMC-VQA', 'PathVQA', 'MMMU', 'SLAKE', 'VQA-RAD'. */
  paperColumn: string;
  /** Bumped whenever parsing or item conversion changes (see index.ts); stored with every result. */
  version: string;
  variants: readonly string[];
  defaultVariant: string;
  officialSource: string;
  license: string;
  load(source: DatasetSource, variant: string): Promise<LoadResult>;
}
