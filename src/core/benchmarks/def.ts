// What a benchmark is: its catalogue facts plus one load function from raw files to items.
// Kept apart from index.ts so each adapter can import the types without importing the registry.
import type { DatasetSource } from '../ports';
import type { LoadResult } from '../types';
import type { BenchmarkId, VariantOf } from './catalogue';

/** An adapter's entry point: loads one (already validated) variant of its benchmark. */
export type BenchmarkLoader<B extends BenchmarkId> = (
  source: DatasetSource,
  variant: VariantOf<B>,
) => Promise<LoadResult>;

export interface BenchmarkDef<B extends BenchmarkId = BenchmarkId> {
  id: B;
  title: string;
  /** Column header in the paper's tables: 'MedXpert', 'OmniMedVQA', 'PMC-VQA', 'PathVQA', 'MMMU', 'SLAKE', 'VQA-RAD'. */
  paperColumn: string;
  /** Bumped whenever parsing or item conversion changes (see catalogue.ts); stored with every result. */
  version: string;
  /** Default first. */
  variants: readonly VariantOf<B>[];
  defaultVariant: VariantOf<B>;
  officialSource: string;
  license: string;
  load(source: DatasetSource, variant: VariantOf<B>): Promise<LoadResult>;
}
