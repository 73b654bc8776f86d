// The benchmarks, in the paper's column order, with what is known about each before a file is read. Every
// benchmark type is derived from this one table: BenchmarkId is its key, VariantOf<B> its variants; index.ts
// attaches each adapter's load function. It imports nothing, so core/types.ts can take its ids from here without
// an import cycle through the adapters.
//
// Version rule: bump a benchmark's `version` whenever anything changes the items it yields from the same raw
// files — which records are kept, filtered or excluded, question or option text, option order, gold letter,
// ids, image references. The version is stored with every result; results of different versions are not
// merged. Changes that only touch error messages or report wording do not bump it.

/** The variant that reads HuatuoGPT-Vision's MCQ bundle (mcq-bundle.ts) and keeps one benchmark's records. */
export const BUNDLE_VARIANT = 'bundle';

/**
 * A strata field that names the item's gold letter rather than a metadata field: for benchmarks whose items carry
 * no content or question type (PathVQA, PMC-VQA, the MCQ bundle's yes/no sets), so a sample keeps the answer balance.
 */
export const SAMPLE_GOLD = 'gold';

const CATALOGUE = {
  medxpertqa: {
    title: 'MedXpertQA MM',
    paperColumn: 'MedXpert',
    version: '1',
    variants: ['mm', 'text'],
    officialSource: 'TsinghuaC3I/MedXpertQA, config MM: MM/test.jsonl + images.zip (official eval jsonl also read)',
    license: 'MIT',
    expected: { mm: { count: 2000 }, text: null },
    sampleStrata: {
      mm: ['medical_task', 'body_system', 'question_type'],
      text: ['medical_task', 'body_system', 'question_type'],
    },
  },
  omnimedvqa: {
    title: 'OmniMedVQA',
    paperColumn: 'OmniMedVQA',
    version: '1',
    variants: ['open-access', BUNDLE_VARIANT],
    officialSource: 'foreverbeliever/OmniMedVQA: QA_information/Open-access/*.json + Images/',
    license: 'per source dataset (see the HF card)',
    expected: { 'open-access': { count: 88_996, approx: true }, bundle: { count: 11_124 } },
    sampleStrata: { 'open-access': ['modality', 'question_type'], bundle: ['subset'] },
  },
  'pmc-vqa': {
    title: 'PMC-VQA',
    paperColumn: 'PMC-VQA',
    version: '1',
    variants: ['test_clean', 'test_2', BUNDLE_VARIANT],
    officialSource: 'xmcmic/PMC-VQA (mirror RadGenome/PMC-VQA): test_clean.csv (v1) or test_2.csv (v2) + figures',
    license: 'figures from the PubMed Central open-access subset (per-article licenses)',
    expected: { test_clean: { count: 2000 }, test_2: { count: 33_430, approx: true }, bundle: { count: 2000 } },
    sampleStrata: { test_clean: [SAMPLE_GOLD], test_2: [SAMPLE_GOLD], bundle: [SAMPLE_GOLD] },
  },
  pathvqa: {
    title: 'PathVQA',
    paperColumn: 'PathVQA',
    version: '1',
    variants: ['yesno', BUNDLE_VARIANT],
    officialSource: 'flaviagiammarino/path-vqa (HF parquet: image, question, answer), test split',
    license: 'MIT (images: textbook publishers / PEIR)',
    expected: { yesno: { count: 3362 }, bundle: { count: 3362 } },
    sampleStrata: { yesno: [SAMPLE_GOLD], bundle: [SAMPLE_GOLD] },
  },
  'mmmu-med': {
    title: 'MMMU (medical, validation)',
    paperColumn: 'MMMU',
    version: '1',
    variants: ['validation', BUNDLE_VARIANT],
    officialSource:
      'MMMU/MMMU configs Basic_Medical_Science, Clinical_Medicine, Diagnostics_and_Laboratory_Medicine, Pharmacy, Public_Health (validation parquet)',
    license: 'Apache-2.0',
    expected: { validation: { count: 145 }, bundle: { count: 150 } },
    sampleStrata: { validation: ['subject'], bundle: ['subset'] },
  },
  slake: {
    title: 'SLAKE',
    paperColumn: 'SLAKE',
    version: '1',
    variants: ['closed', BUNDLE_VARIANT],
    officialSource: 'BoKelvin/SLAKE (Slake1.0): test.json + imgs/',
    license: 'CC-BY-4.0',
    expected: { closed: { count: 416 }, bundle: { count: 416 } },
    sampleStrata: { closed: ['modality', 'content_type'], bundle: [SAMPLE_GOLD] },
  },
  'vqa-rad': {
    title: 'VQA-RAD',
    paperColumn: 'VQA-RAD',
    version: '1',
    variants: ['yesno', 'closed', BUNDLE_VARIANT],
    officialSource:
      'VQA_RAD Dataset Public.json + VQA_RAD Image Folder/ (OSF osf.io/89kps; HF mirror flaviagiammarino/vqa-rad)',
    license: 'CC0-1.0',
    expected: { yesno: { count: 251 }, closed: { count: 272 }, bundle: { count: 251 } },
    sampleStrata: {
      yesno: ['image_organ', 'question_type'],
      closed: ['image_organ', 'question_type'],
      bundle: [SAMPLE_GOLD],
    },
  },
} as const satisfies Record<string, BenchmarkFactsShape>;

/** What every catalogue entry states. */
interface BenchmarkFactsShape {
  title: string;
  /** Column header in the paper's tables (the tables' columns are built from it). */
  paperColumn: string;
  /** Bumped whenever parsing or item conversion changes (rule above); stored with every result. */
  version: string;
  /** The variants this benchmark loads, its default first. */
  variants: readonly [string, ...string[]];
  officialSource: string;
  license: string;
  /**
   * Items the protocol (§1) counts on the full official release, per variant; approx where it gives "≈" (the
   * count depends on the release snapshot); null where it gives none. A variant missing here fails a unit test.
   */
  expected: Readonly<Record<string, ExpectedCount | null>>;
  /**
   * Per variant, the item fields a sample is stratified by by default (Item.meta keys, or SAMPLE_GOLD): the
   * benchmark's main content / question-type metadata. The bundle variant's records carry only dataset/subset.
   */
  sampleStrata: Readonly<Record<string, readonly string[]>>;
}

/** A canonical item count from the protocol. */
export interface ExpectedCount {
  count: number;
  approx?: boolean;
}

for (const facts of Object.values(CATALOGUE)) Object.freeze(Object.freeze(facts).variants);

export const BENCHMARK_CATALOGUE: typeof CATALOGUE = Object.freeze(CATALOGUE);

/** A benchmark id: a key of the catalogue. */
export type BenchmarkId = keyof typeof BENCHMARK_CATALOGUE;
/** The static facts of one benchmark. */
export type BenchmarkFacts<B extends BenchmarkId = BenchmarkId> = (typeof BENCHMARK_CATALOGUE)[B];
/** The variants of one benchmark, e.g. VariantOf<'vqa-rad'> = 'yesno' | 'closed' | 'bundle'. */
export type VariantOf<B extends BenchmarkId> = BenchmarkFacts<B>['variants'][number];

/** The ids in the paper's column order. */
export const BENCHMARK_IDS = Object.freeze(Object.keys(BENCHMARK_CATALOGUE)) as readonly BenchmarkId[];

export function isBenchmarkId(id: string): id is BenchmarkId {
  return Object.hasOwn(BENCHMARK_CATALOGUE, id);
}

/** The variants of a benchmark, its default first. */
export function variantsOf<B extends BenchmarkId>(id: B): readonly [VariantOf<B>, ...VariantOf<B>[]] {
  return BENCHMARK_CATALOGUE[id].variants;
}

export function defaultVariantOf<B extends BenchmarkId>(id: B): VariantOf<B> {
  return variantsOf(id)[0];
}

/** The protocol's item count for a variant on the full official release, or null when it gives none. */
export function expectedCount(id: BenchmarkId, variant: string): ExpectedCount | null {
  const table: Readonly<Record<string, ExpectedCount | null>> = BENCHMARK_CATALOGUE[id].expected;
  return table[variant] ?? null;
}

/** The fields a sample of this variant is stratified by, unless the caller names others. */
export function defaultSampleStrata(id: BenchmarkId, variant: string): readonly string[] {
  const table: Readonly<Record<string, readonly string[]>> = BENCHMARK_CATALOGUE[id].sampleStrata;
  return table[variant] ?? [SAMPLE_GOLD];
}

/** The kept count against the protocol's count for the full release, flagging a difference. */
export function describeExpected(kept: number, expected: ExpectedCount): string {
  const canonical = `${expected.approx === true ? '≈' : ''}${expected.count}`;
  if (kept === expected.count) return `protocol count ${canonical}: matches`;
  const near = expected.approx === true && Math.abs(kept - expected.count) <= expected.count * 0.01;
  if (near) return `protocol count ${canonical}: within 1% (the count depends on the release snapshot)`;
  return `protocol count ${canonical} on the full release: this data differs by ${kept - expected.count} (a slice, a sample, another release, or a loader problem)`;
}
