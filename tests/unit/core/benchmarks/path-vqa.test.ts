import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { TINY_JPEG, writeImageTable } from '../../../fixtures/mmmu-parquet';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson, sharedExists } from './support';

type Raw = { image: string; question: string; answer: string };

describeShared('pathvqa on the shared json export', () => {
  const raw = readSharedJson('pathvqa', 'test.json') as Raw[];

  it('keeps yes/no answers with fixed options, ids from file and position, images beside the json', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('pathvqa')), 'pathvqa');
    expectConsistentReport(result);
    const expected = raw.map((r, i) => ({ r, i })).filter(({ r }) => r.answer === 'yes' || r.answer === 'no');
    expect(result.report.format).toBe('json-export');
    expect(result.report.records).toBe(raw.length);
    expect(result.report.kept).toBe(expected.length);
    expect(result.report.filtered).toBe(raw.length - expected.length);
    expect(result.items.map((i) => i.id)).toEqual(expected.map(({ i }) => `pathvqa:test.json#${i}`));
    for (const [k, item] of result.items.entries()) {
      const { r } = expected[k] ?? { r: raw[0] as Raw };
      expect(item.answer).toBe(r.answer === 'yes' ? 'A' : 'B');
      expect(item.options).toEqual([
        { letter: 'A', text: 'yes' },
        { letter: 'B', text: 'no' },
      ]);
      expect(item.images).toEqual([{ path: r.image, present: sharedExists('pathvqa', r.image) }]);
    }
    expect(result.report.missingImages).toBe(expected.filter(({ r }) => !sharedExists('pathvqa', r.image)).length);
  });
});

describe('pathvqa HF parquet', () => {
  it('reads the image struct bytes inline and keeps only yes/no rows of the test shards', async () => {
    const questions = ['is this necrosis?', 'what is shown?', 'does this show fibrosis?', 'is it benign?'];
    const answers = ['yes', 'fibrosis', 'No', null];
    const images = questions.map((_, i) =>
      i === 2 ? { bytes: null, path: 'external/img2.jpg' } : { bytes: TINY_JPEG, path: `img${i}.jpg` },
    );
    const shard = writeImageTable({
      text: { question: questions, answer: answers },
      images: { image: images },
      order: ['image', 'question', 'answer'],
    });
    const train = writeImageTable({ text: { question: ['is it?'], answer: ['yes'] }, images: { image: [null] } });
    const source = createMemorySource({
      'data/test-00000-of-00001.parquet': shard,
      'data/train-00000-of-00001.parquet': train,
      'README.md': '# path-vqa',
    });
    const result = await loadBenchmark(source, 'pathvqa', 'yesno');
    expectConsistentReport(result);
    expect(result.report.format).toBe('parquet');
    expect(result.report.files).toEqual(['data/test-00000-of-00001.parquet']);
    expect(result.report.records).toBe(4);
    expect(result.items.map((i) => i.id)).toEqual([
      'pathvqa:data/test-00000-of-00001.parquet#0',
      'pathvqa:data/test-00000-of-00001.parquet#2',
    ]);
    expect(result.items.map((i) => i.answer)).toEqual(['A', 'B']);
    expect(result.items[0]?.images[0]?.bytes).toEqual(TINY_JPEG);
    expect(result.items[0]?.images[0]?.present).toBe(true);
    // A struct with only a path points at a file, which is absent here.
    expect(result.items[1]?.images[0]).toEqual({ path: 'data/external/img2.jpg', present: false });
    expect(result.report.missingImages).toBe(1);
    expect(result.report.filtered).toBe(1);
    expect(result.report.excludedByReason).toEqual({ 'missing-field': 1 });
  });

  it('reports an unreadable shard as a whole-file exclusion', async () => {
    const source = createMemorySource({ 'data/test-00000-of-00001.parquet': new Uint8Array([1, 2, 3, 4]) });
    const result = await loadBenchmark(source, 'pathvqa');
    expect(result.items).toEqual([]);
    expect(result.report.exclusions).toEqual([
      expect.objectContaining({ file: 'data/test-00000-of-00001.parquet', index: -1 }),
    ]);
  });
});
