// Which benchmark is this folder? Every shared sample folder is recognised as its own benchmark and as no
// other; every (benchmark, folder) mismatch fails with what the folder looks like and what to pass instead.
import { describe, expect, it } from 'vitest';
import { describeFolder, detectBenchmarks } from '../../../../src/core/benchmarks/detect';
import { detectSource, isBundleHead } from '../../../../src/core/benchmarks/detect-source';
import { BENCHMARK_IDS } from '../../../../src/core/benchmarks';
import { loadData } from '../../../../src/cli/load-data';
import { getBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';

/** Shared folder → what it must be detected as, the variant it loads with, and words of its description. */
const FOLDERS: [string, string, string, string][] = [
  ['vqa-rad', 'vqa-rad', 'yesno', 'VQA-RAD: VQA_RAD Dataset Public.json + VQA_RAD Image Folder/'],
  ['slake', 'slake', 'closed', 'SLAKE: test.json + imgs/'],
  ['pathvqa', 'pathvqa', 'yesno', 'PathVQA: test.json + images/'],
  ['pmc-vqa', 'pmc-vqa', 'test_2', 'PMC-VQA (variant test_2): test_2.csv + figures/'],
  ['omnimedvqa', 'omnimedvqa', 'open-access', 'OmniMedVQA: QA_information/Open-access/*.json (31 files) + Images/'],
  ['medxpertqa', 'medxpertqa', 'mm', 'MedXpertQA: MM/test.jsonl'],
  [
    'mcq-bundle',
    'mcq-bundle',
    'bundle',
    "HuatuoGPT-Vision's MCQ bundle: vitar_medical_multimodel_evaluation_data.json + MRI_CT_XRAY_300each_dataset.json",
  ],
];

describeShared('detection on the shared samples', () => {
  it.each(FOLDERS)('%s/ is detected as %s and nothing else', async (folder, id, _variant, description) => {
    const found = await detectSource(createFsSource(sharedPath(folder)));
    expect(found.detections.map((d) => d.id)).toEqual([id]);
    expect(found.detections[0]?.description).toBe(description);
  });

  it('mmmu/ (schema notes only, no data) is detected as nothing, and described', async () => {
    const found = await detectSource(createFsSource(sharedPath('mmmu')));
    expect(found.detections).toEqual([]);
    expect(describeFolder(found.paths)).toBe("it holds no benchmark's files (1 file: SOURCE.md)");
  });

  // Every (benchmark, folder) pair: its own folder loads; any other fails, naming what the folder looks like.
  const pairs = BENCHMARK_IDS.flatMap((benchmark) => FOLDERS.map((f) => [benchmark, ...f] as const));
  it.each(pairs)('--benchmark %s on %s/', async (benchmark, folder, id, variant, description) => {
    const source = createFsSource(sharedPath(folder));
    const def = getBenchmark(benchmark);
    if (id === benchmark || (id === 'mcq-bundle' && def.variants.includes('bundle') && benchmark === 'omnimedvqa')) {
      const { report } = await loadData(source, def, variant);
      expect(report.kept).toBeGreaterThan(0);
      return;
    }
    const advice = id === 'mcq-bundle' ? 'pass --variant bundle' : `pass --benchmark ${id}`;
    await expect(loadData(source, def)).rejects.toMatchObject({
      code: 'dataset/wrong-benchmark',
      message: expect.stringContaining(`this looks like ${description}; ${advice}`),
    });
  });

  it('its own benchmark with the wrong variant says which variant fits', async () => {
    await expect(loadData(createFsSource(sharedPath('pmc-vqa')), getBenchmark('pmc-vqa'))).rejects.toMatchObject({
      code: 'dataset/no-items',
      message: expect.stringContaining('pass --benchmark pmc-vqa --variant test_2'),
    });
  });
});

describe('detectBenchmarks on release layouts', () => {
  const ids = (paths: string[], bundles: string[] = []): string[] => detectBenchmarks(paths, bundles).map((d) => d.id);

  it('MMMU: medical-subject validation parquet; its test shards are not PathVQA', () => {
    const paths = [
      'Clinical_Medicine/test-00000-of-00001.parquet',
      'Clinical_Medicine/validation-00000-of-00001.parquet',
      'Pharmacy/validation-00000-of-00001.parquet',
      'README.md',
    ];
    const [d] = detectBenchmarks(paths);
    expect(ids(paths)).toEqual(['mmmu-med']);
    expect(d?.description).toBe('MMMU: Clinical_Medicine/validation-*.parquet + Pharmacy/validation-*.parquet');
  });

  it('PathVQA: HF parquet shards', () => {
    const paths = [
      'README.md',
      'data/test-00000-of-00003.parquet',
      'data/test-00001-of-00003.parquet',
      'data/train-00000-of-00003.parquet',
    ];
    expect(detectBenchmarks(paths)[0]?.description).toBe('PathVQA: data/test-*.parquet (2 shards)');
  });

  it('a release inside one folder is found there, and says where', () => {
    const [d] = detectBenchmarks(['Slake1.0/test.json', 'Slake1.0/train.json', 'Slake1.0/imgs/xmlab0/source.jpg']);
    expect(d).toMatchObject({ id: 'slake', folder: 'Slake1.0', description: 'SLAKE in Slake1.0/: test.json + imgs/' });
  });

  it('MedXpertQA with only Text/ suggests the text variant', () => {
    expect(detectBenchmarks(['Text/test.jsonl'])[0]).toMatchObject({ id: 'medxpertqa', variant: 'text' });
  });

  it('a folder holding two benchmarks reports both', () => {
    expect(ids(['slake/test.json', 'slake/imgs/a/source.jpg', 'VQA_RAD Dataset Public.json'])).toEqual([
      'vqa-rad',
      'slake',
    ]);
  });

  it('describes an unknown folder by its top-level entries', () => {
    expect(describeFolder([])).toBe('it holds no files');
    expect(describeFolder(['a.txt', 'pics/1.png', 'pics/2.png'])).toBe(
      "it holds no benchmark's files (3 files: a.txt, pics/ (2 files))",
    );
  });
});

describe('isBundleHead', () => {
  const record = {
    question: 'Q?',
    image: ['images/a.png'],
    options: ['x', 'y'],
    answer: 'x',
    dataset: 'VQA-RAD_test',
    subset: '',
  };
  it('recognises bundle records from the first bytes, even cut mid-file', () => {
    const text = JSON.stringify([record, record], null, 4);
    expect(isBundleHead(text.slice(0, 200))).toBe(true);
    expect(isBundleHead('\ufeff' + text)).toBe(true);
  });
  it('rejects other JSON arrays and objects', () => {
    expect(isBundleHead(JSON.stringify([{ question: 'Q', answer: 'yes', image: 'a.jpg' }]))).toBe(false);
    expect(isBundleHead(JSON.stringify({ files: [] }))).toBe(false);
    expect(isBundleHead('not json')).toBe(false);
  });
  it('finds a bundle under any name by reading only its head', async () => {
    const big = JSON.stringify(Array.from({ length: 2000 }, () => record));
    const source = createMemorySource({ 'eval/anything.json': big, 'other.json': '[1,2]' });
    const found = await detectSource(source);
    expect(found.bundleFiles).toEqual(['eval/anything.json']);
    expect(found.detections.map((d) => d.description)).toEqual([
      "HuatuoGPT-Vision's MCQ bundle in eval/: anything.json",
    ]);
  });
});
