// Load benchmark: an OmniMedVQA-sized input (≈89,000 records over ~40 sub-dataset files, official shape) loaded
// and normalised through the adapter, against a bare JSON.parse of the same bytes. Run: npx tsx bench/load.ts
import { pathToFileURL } from 'node:url';
import { loadBenchmark } from '../src/core/benchmarks';
import { createMemorySource } from '../src/data/memory';
import { mulberry32 } from '../tests/support/prng';

const TOTAL_RECORDS = 89_000;
const FILES = 40;
const RUNS = 5;

const QUESTION_TYPES = [
  'Modality Recognition',
  'Anatomy Identification',
  'Disease Diagnosis',
  'Lesion Grading',
  'Other Biological Attributes',
];
const ANSWERS = [
  'Computed tomography (CT)',
  'Magnetic resonance imaging (MRI)',
  'X-ray',
  'Ultrasound',
  'Fundus photography',
  'Dermoscopy',
  'Microscopy',
  'Optical coherence tomography (OCT)',
];

const rng = mulberry32;

/** Sub-dataset files shaped like QA_information/Open-access/<name>.json, plus one (empty) file per image. */
export function generateOmniMedVqa(totalRecords = TOTAL_RECORDS, files = FILES): Record<string, string | Uint8Array> {
  const random = rng(20250601);
  const out: Record<string, string | Uint8Array> = {};
  const image = new Uint8Array(0);
  const perFile = Math.ceil(totalRecords / files);
  let made = 0;
  for (let f = 0; f < files && made < totalRecords; f++) {
    const dataset = `Sub Dataset ${f}`;
    const records: Record<string, string>[] = [];
    for (let i = 0; i < perFile && made < totalRecords; i++, made++) {
      const count = 2 + Math.floor(random() * 3);
      const start = Math.floor(random() * ANSWERS.length);
      const options = Array.from({ length: count }, (_, k) => ANSWERS[(start + k) % ANSWERS.length] ?? 'X-ray');
      const gold = options[Math.floor(random() * count)] ?? 'X-ray';
      const imagePath = `Images/${dataset}/img_${String(i).padStart(5, '0')}.jpg`;
      const rec: Record<string, string> = {
        dataset,
        question_id: `${dataset}_${String(i).padStart(4, '0')}`,
        question_type: QUESTION_TYPES[i % QUESTION_TYPES.length] ?? 'Other',
        question: `What imaging modality was used to capture this image (case ${i})?`,
        gt_answer: gold,
        image_path: imagePath,
      };
      options.forEach((text, k) => (rec[`option_${'ABCD'.charAt(k)}`] = text));
      // One sub-dataset names the field `modality`, as in the real release.
      rec[f === 7 ? 'modality' : 'modality_type'] = 'CT(Computed Tomography)';
      records.push(rec);
      out[imagePath] = image;
    }
    out[`QA_information/Open-access/${dataset}.json`] = JSON.stringify(records, null, 4);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export async function runLoadBench(): Promise<void> {
  const files = generateOmniMedVqa();
  const texts = Object.entries(files).flatMap(([path, content]) =>
    path.endsWith('.json') && typeof content === 'string' ? [content] : [],
  );
  const source = createMemorySource(files, 'bench:omnimedvqa');

  // Baseline: JSON.parse of every file, keeping the parsed arrays (the least any loader must hold in memory).
  // The same parse with each result dropped at once is printed too, for reference.
  const timeParse = (keep: boolean): number => {
    const t0 = performance.now();
    const kept: unknown[][] = [];
    let n = 0;
    for (const text of texts) {
      const records = JSON.parse(text) as unknown[];
      n += records.length;
      if (keep) kept.push(records);
    }
    const ms = performance.now() - t0;
    if (n !== TOTAL_RECORDS) throw new Error(`generated ${n} records, expected ${TOTAL_RECORDS}`);
    return ms;
  };
  const timeLoad = async (): Promise<number> => {
    const t0 = performance.now();
    const { report } = await loadBenchmark(source, 'omnimedvqa');
    const ms = performance.now() - t0;
    if (report.kept !== TOTAL_RECORDS)
      throw new Error(`kept ${report.kept} of ${TOTAL_RECORDS}: ${JSON.stringify(report.excludedByReason)}`);
    return ms;
  };

  // Warm-up, then interleaved runs so all sides see the same machine state; a full GC between runs when
  // node runs with --expose-gc, so no run pays for the previous one's garbage.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  timeParse(true);
  timeParse(false);
  await timeLoad();
  const parseMs: number[] = [];
  const dropMs: number[] = [];
  const loadMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    gc();
    parseMs.push(timeParse(true));
    gc();
    dropMs.push(timeParse(false));
    gc();
    loadMs.push(await timeLoad());
  }
  const load = median(loadMs);
  const parse = median(parseMs);
  const drop = median(dropMs);
  const mb = texts.reduce((s, t) => s + t.length, 0) / 1e6;
  console.log(
    `# ${TOTAL_RECORDS} records, ${texts.length} files, ${mb.toFixed(1)} MB JSON; median of ${RUNS}: load ${load.toFixed(0)} ms, ` +
      `JSON.parse ${parse.toFixed(0)} ms (results kept), ${drop.toFixed(0)} ms (results dropped: load = ${(load / drop).toFixed(2)}×)`,
  );
  console.log(`BENCH load_items_per_s ${Math.round(TOTAL_RECORDS / (load / 1000))} items/s`);
  console.log(`BENCH load_vs_json_parse ${(load / parse).toFixed(2)} ratio`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await runLoadBench();
}
