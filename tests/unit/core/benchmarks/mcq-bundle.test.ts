import { describe, expect, it } from 'vitest';
import { loadBenchmark, loadMcqBundle } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson } from './support';

type Raw = {
  question: string;
  options: string[];
  answer: string;
  image: string[];
  dataset: string;
  subset: string;
  solution?: string;
};

describeShared('mcq bundle on the shared partial copies', () => {
  const big = readSharedJson('mcq-bundle', 'MRI_CT_XRAY_300each_dataset.json') as Raw[];
  const small = readSharedJson('mcq-bundle', 'vitar_medical_multimodel_evaluation_data.json') as Raw[];
  const all = [
    ...big.map((r, i) => ({ r, i, file: 'MRI_CT_XRAY_300each_dataset.json' })),
    ...small.map((r, i) => ({ r, i, file: 'vitar_medical_multimodel_evaluation_data.json' })),
  ];

  it('omnimedvqa variant bundle: gold letter = position of the answer text (agrees with MedVLM-R1 `solution`)', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('mcq-bundle')), 'omnimedvqa', 'bundle');
    expectConsistentReport(result);
    const mine = all.filter(({ r }) => r.dataset === 'OmniMedVQA');
    expect(result.report.records).toBe(all.length);
    expect(result.report.kept).toBe(mine.length);
    expect(result.report.filtered).toBe(all.length - mine.length);
    expect(result.report.missingImages).toBe(mine.length); // images.zip is not shipped
    expect(result.items.map((i) => i.id)).toEqual(mine.map(({ file, i }) => `omnimedvqa:${file}#${i}`));
    let checkedSolutions = 0;
    for (const [k, item] of result.items.entries()) {
      const { r } = mine[k] ?? { r: big[0] as Raw };
      const expected = 'ABCDEFGH'.charAt(r.options.indexOf(r.answer));
      expect(item.answer).toBe(expected);
      if (r.solution !== undefined) {
        expect(item.answer).toBe(r.solution);
        checkedSolutions++;
      }
      expect(item.options.map((o) => o.text)).toEqual(r.options.map((o) => o.trim()));
      expect(item.images.map((i) => i.path)).toEqual(r.image);
      expect(item.meta['subset']).toBe(r.subset);
    }
    expect(checkedSolutions).toBe(big.length);
  });

  it('loadMcqBundle splits by dataset; each benchmark sees the rest as filtered', async () => {
    const results = await loadMcqBundle(createFsSource(sharedPath('mcq-bundle')));
    expect(Object.keys(results).sort()).toEqual(['omnimedvqa', 'pmc-vqa']);
    expect(results['pmc-vqa']?.report.kept).toBe(all.filter(({ r }) => r.dataset === 'PMC-VQA_test').length);
    expect(results['pmc-vqa']?.items[0]?.question).toBe('Where does the contrast track into?');
    expect(results['omnimedvqa']?.report.kept).toBe(all.filter(({ r }) => r.dataset === 'OmniMedVQA').length);
  });
});

describe('mcq bundle records', () => {
  const rec = (over: Record<string, unknown>): Record<string, unknown> => ({
    question: ' Is there a mass? ',
    image: ['images/a.png'],
    options: ['No', 'Yes'],
    answer: 'Yes',
    dataset: 'VQA-RAD_test',
    subset: '',
    ...over,
  });

  it('maps every dataset name, excludes gold matching no option or two, and counts other datasets as filtered', async () => {
    const records = [
      rec({}),
      rec({ dataset: 'SLAKE_test' }),
      rec({ dataset: 'PathVQA_test', answer: 'Maybe' }),
      rec({
        dataset: 'MMMU_Medical_Validation',
        question: 'Which <image 1>?',
        options: ['A1', 'B1', 'A1'],
        answer: 'A1',
      }),
      rec({
        dataset: 'MMMU_Medical_Validation',
        question: 'Which <image 1>?',
        options: ['A1', 'B1'],
        answer: 'B1',
        subset: 'validation_Pharmacy',
      }),
      rec({ dataset: 'VQA-RAD_test', options: 'No, Yes' }),
      rec({ dataset: undefined }),
      rec({ dataset: 'Unknown_set' }),
    ];
    const source = createMemorySource({
      'medical_multimodel_evaluation_data.json': JSON.stringify(records),
      'other.json': JSON.stringify({ not: 'a bundle' }),
      'images/a.png': new Uint8Array([1]),
    });
    const all = await loadMcqBundle(source);
    expect(Object.keys(all).sort()).toEqual(['mmmu-med', 'pathvqa', 'slake', 'vqa-rad']);
    for (const r of Object.values(all)) if (r) expectConsistentReport(r);
    const rad = all['vqa-rad'];
    expect(rad?.items.map((i) => [i.question, i.answer])).toEqual([['Is there a mass?', 'B']]);
    expect(rad?.items[0]?.images).toEqual([{ path: 'images/a.png', present: true }]);
    expect(rad?.report.excludedByReason).toEqual({ 'bad-options': 1, 'missing-field': 1 });
    expect(all['pathvqa']?.report.excludedByReason).toEqual({ 'gold-not-in-options': 1, 'missing-field': 1 });
    expect(all['mmmu-med']?.report.kept).toBe(1);
    expect(all['mmmu-med']?.report.excludedByReason).toEqual({ 'gold-ambiguous': 1, 'missing-field': 1 });
    expect(all['slake']?.report.filtered).toBe(records.length - 1 - 1);
    const viaVariant = await loadBenchmark(source, 'slake', 'bundle');
    expect(viaVariant.items).toEqual(all['slake']?.items);
    expect(viaVariant.report.files).toEqual(['medical_multimodel_evaluation_data.json']);
  });

  it('fails with a clear message when no bundle file is there', async () => {
    await expect(loadMcqBundle(createMemorySource({ 'x.json': '[1,2]' }))).rejects.toMatchObject({
      code: 'dataset/no-files',
    });
  });
});
