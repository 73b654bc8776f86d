// Which benchmark does a folder or archive hold? Read from the file names each adapter needs (one frozen table
// of signatures), plus — for HuatuoGPT-Vision's MCQ bundle, whose files have no fixed name — the first bytes
// of candidate .json files. Pure: the caller lists the files and reads the heads (detect-source.ts does both).
import type { BenchmarkId } from '../types';
import { MMMU_MEDICAL_SUBJECTS } from './mmmu-med';
import { baseOf, dirOf, joinPath } from './paths';

/** A benchmark id, or the bundle (it holds records of six benchmarks, read with variant 'bundle'). */
export type DetectedId = BenchmarkId | 'mcq-bundle';

export interface Detection {
  id: DetectedId;
  /** The variant the files fit when it is not the default (PMC-VQA 'test_2', MedXpertQA 'text'). */
  variant?: string;
  /** Folder inside the listing where it was found ('' = the root). */
  folder: string;
  /** What was seen, in the user's words: ['test.json', 'imgs/']. */
  evidence: string[];
  /** "SLAKE: test.json + imgs/" (with " in <folder>/" when not at the root). */
  description: string;
}

/** What a signature sees of the listing: sorted paths, and which folders hold at least one file. */
export interface ListingView {
  paths: readonly string[];
  hasDir(dir: string): boolean;
}

interface Signature {
  name: string;
  /** Returns the matches (folder, evidence, variant) of this benchmark's files in the listing. */
  match(view: ListingView): Omit<Detection, 'id' | 'description'>[];
}

const VQA_RAD_FILES = new Set(['VQA_RAD Dataset Public.json', 'VQA_RAD_Dataset_Public.json']);
const OPEN_ACCESS = /(^|\/)QA_information\/Open-access\/[^/]+\.json$/;
const TEST_PARQUET = /(^|\/)test(-\d+-of-\d+)?\.parquet$/;
const VALIDATION_PARQUET = /(^|\/)validation(-\d+-of-\d+)?\.parquet$/;
const MEDICAL = new Set<string>(MMMU_MEDICAL_SUBJECTS);
const BUNDLE_NAME = /medical_multimodel?_evaluation_data[^/]*\.json$/i;
const JSON_NAME = /\.json$/i;

const dirWithSlash = (dir: string): string => (dir === '' ? '' : `${dir}/`);
/** Paths whose base name is one of `names`, by suffix: no substring per path (a listing can hold 100k images). */
const byBase = (view: ListingView, names: ReadonlySet<string>): string[] => {
  const tails = [...names].map((n) => `/${n}`);
  return view.paths.filter((p) => names.has(p) || tails.some((t) => p.endsWith(t)));
};
/** "imgs/" when `dir/imgs` holds files, else null. */
const folderEvidence = (view: ListingView, dir: string, sub: string): string | null =>
  view.hasDir(joinPath(dir, sub)) ? `${sub}/` : null;
const present = (xs: (string | null)[]): string[] => xs.filter((x): x is string => x !== null);

/** One entry per benchmark, keyed by id; the order is the order of messages. */
export const SIGNATURES: Readonly<Record<DetectedId, Signature>> = Object.freeze({
  'vqa-rad': {
    name: 'VQA-RAD',
    match: (view) =>
      byBase(view, VQA_RAD_FILES).map((file) => ({
        folder: dirOf(file),
        evidence: present([baseOf(file), folderEvidence(view, dirOf(file), 'VQA_RAD Image Folder')]),
      })),
  },
  slake: {
    name: 'SLAKE',
    // test.json is also PathVQA's export name: SLAKE's has imgs/ (or validate.json, its own split name) beside it.
    match: (view) =>
      byBase(view, new Set(['test.json']))
        .filter(
          (f) => view.hasDir(joinPath(dirOf(f), 'imgs')) || view.paths.includes(joinPath(dirOf(f), 'validate.json')),
        )
        .map((file) => ({
          folder: dirOf(file),
          evidence: present([
            'test.json',
            folderEvidence(view, dirOf(file), 'imgs') ?? 'validate.json (no imgs/ yet: unpack imgs.zip beside it)',
          ]),
        })),
  },
  pathvqa: {
    name: 'PathVQA',
    match: (view) => {
      const shards = view.paths.filter((p) => TEST_PARQUET.test(p) && !MEDICAL.has(baseOf(dirOf(p))));
      // HF layout: <repo>/data/test-*.parquet; the repo folder is the dataset's root.
      const shardDir = dirOf(shards[0] ?? '');
      const folder = baseOf(shardDir) === 'data' ? dirOf(shardDir) : shardDir;
      const fromParquet = shards.length === 0 ? [] : [{ folder, evidence: [parquetEvidence(shards, folder, 'test')] }];
      const fromJson = byBase(view, new Set(['test.json']))
        .filter((f) => view.hasDir(joinPath(dirOf(f), 'images')) && !view.hasDir(joinPath(dirOf(f), 'imgs')))
        .map((file) => ({ folder: dirOf(file), evidence: ['test.json', 'images/'] }));
      return [...fromParquet, ...fromJson];
    },
  },
  'pmc-vqa': {
    name: 'PMC-VQA',
    match: (view) =>
      byBase(view, new Set(['test_clean.csv', 'test_2.csv'])).map((file) => ({
        folder: dirOf(file),
        ...(baseOf(file) === 'test_2.csv' && !view.paths.includes(joinPath(dirOf(file), 'test_clean.csv'))
          ? { variant: 'test_2' }
          : {}),
        evidence: present([
          baseOf(file),
          ...['figures', 'images', 'images_2', 'figures_2'].map((d) => folderEvidence(view, dirOf(file), d)),
        ]),
      })),
  },
  omnimedvqa: {
    name: 'OmniMedVQA',
    match: (view) => {
      const files = view.paths.filter((p) => OPEN_ACCESS.test(p));
      if (files.length === 0) return [];
      const folder = dirOf(dirOf(dirOf(files[0] ?? '')));
      const n = files.length;
      return [
        {
          folder,
          evidence: present([
            `QA_information/Open-access/*.json (${n} file${n === 1 ? '' : 's'})`,
            folderEvidence(view, folder, 'Images'),
          ]),
        },
      ];
    },
  },
  medxpertqa: {
    name: 'MedXpertQA',
    match: (view) => {
      const mm = view.paths.filter((p) => p === 'MM/test.jsonl' || p.endsWith('/MM/test.jsonl'));
      const official = view.paths.filter((p) => p.endsWith('medxpertqa_mm_input.jsonl'));
      const text = view.paths.filter((p) => p === 'Text/test.jsonl' || p.endsWith('/Text/test.jsonl'));
      const first = mm[0] ?? official[0];
      if (first !== undefined) {
        const folder = mm[0] !== undefined ? dirOf(dirOf(first)) : dirOf(first);
        const shown = mm[0] !== undefined ? 'MM/test.jsonl' : baseOf(first);
        return [{ folder, evidence: present([shown, folderEvidence(view, folder, 'images')]) }];
      }
      return text.map((f) => ({ folder: dirOf(dirOf(f)), variant: 'text', evidence: ['Text/test.jsonl'] }));
    },
  },
  'mmmu-med': {
    name: 'MMMU',
    match: (view) => {
      const files = view.paths.filter((p) => VALIDATION_PARQUET.test(p) && MEDICAL.has(baseOf(dirOf(p))));
      if (files.length === 0) return [];
      const subjects = [...new Set(files.map((f) => baseOf(dirOf(f))))];
      return [{ folder: dirOf(dirOf(files[0] ?? '')), evidence: subjects.map((s) => `${s}/validation-*.parquet`) }];
    },
  },
  'mcq-bundle': {
    name: "HuatuoGPT-Vision's MCQ bundle",
    match: (view) =>
      view.paths.filter((p) => BUNDLE_NAME.test(p)).map((file) => ({ folder: dirOf(file), evidence: [baseOf(file)] })),
  },
});

function parquetEvidence(files: readonly string[], folder: string, split: string): string {
  const first = files[0] ?? '';
  const dir = dirWithSlash(dirOf(first).slice(folder === '' ? 0 : folder.length + 1));
  return files.length === 1 ? `${dir}${baseOf(first)}` : `${dir}${split}-*.parquet (${files.length} shards)`;
}

export function viewOf(paths: readonly string[]): ListingView {
  const dirs = new Set<string>();
  for (const p of paths) for (let d = dirOf(p); d !== '' && !dirs.has(d); d = dirOf(d)) dirs.add(d);
  return { paths, hasDir: (dir) => dirs.has(dir) };
}

function describe(id: DetectedId, folder: string, evidence: readonly string[], variant?: string): string {
  const where = folder === '' ? '' : ` in ${folder}/`;
  const v = variant === undefined ? '' : ` (variant ${variant})`;
  return `${SIGNATURES[id].name}${v}${where}: ${evidence.join(' + ')}`;
}

/**
 * The benchmarks whose files are in `paths` (relative, '/'-separated), one detection per benchmark (the one
 * nearest the root). `bundleFiles` are .json files a caller found to hold bundle records (see bundleHead).
 */
export function detectBenchmarks(paths: readonly string[], bundleFiles: readonly string[] = []): Detection[] {
  const view = viewOf(paths);
  const out: Detection[] = [];
  for (const id of Object.keys(SIGNATURES) as DetectedId[]) {
    const matches = SIGNATURES[id].match(view);
    if (id === 'mcq-bundle')
      for (const f of bundleFiles) {
        const same = matches.find((m) => m.folder === dirOf(f));
        if (same === undefined) matches.push({ folder: dirOf(f), evidence: [baseOf(f)] });
        else same.evidence.push(baseOf(f));
      }
    const best = matches.sort((a, b) => depth(a.folder) - depth(b.folder))[0];
    if (best === undefined) continue;
    const detection: Detection = { id, folder: best.folder, evidence: best.evidence, description: '' };
    if (best.variant !== undefined) detection.variant = best.variant;
    detection.description = describe(id, best.folder, best.evidence, best.variant);
    out.push(detection);
  }
  return out;
}

const depth = (folder: string): number => (folder === '' ? 0 : folder.split('/').length);

/** A short picture of a listing for "this is not it" messages: top-level entries with file counts. */
export function describeFolder(paths: readonly string[], bundleFiles: readonly string[] = []): string {
  const found = detectBenchmarks(paths, bundleFiles);
  if (found.length > 0) return `this looks like ${found.map((d) => d.description).join('; and like ')}`;
  if (paths.length === 0) return 'it holds no files';
  const top = new Map<string, number>();
  for (const p of paths) {
    const slash = p.indexOf('/');
    const key = slash < 0 ? p : `${p.slice(0, slash)}/`;
    top.set(key, (top.get(key) ?? 0) + 1);
  }
  const shown = [...top].slice(0, 8).map(([k, n]) => (k.endsWith('/') ? `${k} (${n} file${n === 1 ? '' : 's'})` : k));
  const more = top.size > 8 ? `, … ${top.size - 8} more` : '';
  return `it holds no benchmark's files (${paths.length} file${paths.length === 1 ? '' : 's'}: ${shown.join(', ')}${more})`;
}

/** .json files that might be an MCQ bundle under another name: not claimed by a signature, near the root. */
export function bundleCandidates(paths: readonly string[], limit = 16): string[] {
  // The .json files first: a listing is mostly images, and the tests below cost a substring or a regex per path.
  const json = paths.filter((p) => JSON_NAME.test(p));
  const claimed = new Set<string>();
  for (const p of json) {
    const base = baseOf(p);
    if (OPEN_ACCESS.test(p) || VQA_RAD_FILES.has(base) || base === 'test.json' || BUNDLE_NAME.test(p)) claimed.add(p);
  }
  return json
    .filter((p) => !claimed.has(p) && depth(dirOf(p)) <= 2)
    .sort((a, b) => depth(dirOf(a)) - depth(dirOf(b)) || (a < b ? -1 : 1))
    .slice(0, limit);
}
