import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson, sharedExists } from './support';

type Raw = Record<string, string>;

describeShared('omnimedvqa on the shared Open-access sample', () => {
  // sampled_vqa_500.json holds the same records verbatim (with a source_file key): an independent oracle.
  const raw = readSharedJson('omnimedvqa', 'sampled_vqa_500.json') as Raw[];

  it('reads every sub-dataset file; gold text → letter by exact match; images relative to the data root', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('omnimedvqa')), 'omnimedvqa');
    expectConsistentReport(result);
    const files = new Set(raw.map((r) => r['source_file']));
    expect(result.report.files).toHaveLength(files.size);
    expect(result.report.records).toBe(raw.length);
    expect(result.report.kept).toBe(raw.length);
    const byId = new Map(result.items.map((i) => [i.id, i]));
    for (const r of raw) {
      const item = byId.get(r['question_id'] ?? '');
      const letters = ['A', 'B', 'C', 'D'].filter((l) => r[`option_${l}`] !== undefined);
      const gold = letters.filter((l) => r[`option_${l}`] === r['gt_answer']);
      expect(gold).toHaveLength(1);
      expect(item?.answer).toBe(gold[0]);
      expect(item?.options.map((o) => o.text)).toEqual(letters.map((l) => r[`option_${l}`]));
      expect(item?.images).toEqual([
        { path: r['image_path'], present: sharedExists('omnimedvqa', r['image_path'] ?? '') },
      ]);
      expect(item?.meta['modality']).toBe(r['modality_type']);
      expect(item?.meta['dataset']).toBe(r['dataset']);
    }
    const withImage = raw.filter((r) => sharedExists('omnimedvqa', r['image_path'] ?? '')).length;
    expect(withImage).toBeGreaterThan(0);
    expect(result.report.missingImages).toBe(raw.length - withImage);
  });
});

describe('omnimedvqa raw-format quirks', () => {
  const rec = (id: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
    dataset: 'Sub',
    question_id: id,
    question_type: 'Modality Recognition',
    question: 'What modality?',
    gt_answer: 'CT',
    image_path: `Images/Sub/${id}.png`,
    option_A: 'MRI',
    option_B: 'CT',
    option_C: 'X-ray',
    option_D: 'PET',
    modality_type: 'CT(Computed Tomography)',
    ...over,
  });

  it('accepts `modality`, excludes 0 or 2 gold matches and option gaps, filters Restricted-access', async () => {
    const open = [
      rec('Sub_0'),
      rec('Sub_1', { gt_answer: 'Ultrasound' }),
      rec('Sub_2', { option_C: 'CT' }),
      rec('Sub_3', { option_C: undefined }), // 3 options with a gap before D
      rec('Sub_4', { option_C: undefined, option_D: undefined, gt_answer: 'MRI' }),
      rec('Sub_5', { gt_answer: true }),
    ];
    const other = [
      rec('Other_0', {
        dataset: 'Other',
        modality_type: undefined,
        modality: 'Dermoscopy',
        image_path: 'Images/Other/0.png',
      }),
    ];
    const source = createMemorySource({
      'OmniMedVQA/QA_information/Open-access/Sub.json': JSON.stringify(open),
      'OmniMedVQA/QA_information/Open-access/Other.json': JSON.stringify(other),
      'OmniMedVQA/QA_information/Open-access/Broken.json': '[{"dataset": ',
      'OmniMedVQA/QA_information/Restricted-access/Secret.json': JSON.stringify([rec('R_0'), rec('R_1')]),
      'OmniMedVQA/Images/Sub/Sub_0.png': new Uint8Array([1]),
    });
    const result = await loadBenchmark(source, 'omnimedvqa');
    expectConsistentReport(result);
    expect(result.items.map((i) => i.id).sort()).toEqual(['Other_0', 'Sub_0', 'Sub_4']);
    const item = (id: string) => result.items.find((i) => i.id === id);
    expect(item('Other_0')?.meta['modality']).toBe('Dermoscopy');
    expect(item('Sub_0')?.images).toEqual([{ path: 'OmniMedVQA/Images/Sub/Sub_0.png', present: true }]);
    expect(item('Sub_4')?.options.map((o) => o.letter)).toEqual(['A', 'B']);
    expect(result.report.filtered).toBe(2);
    expect(result.report.excludedByReason).toEqual({
      'gold-not-in-options': 1,
      'gold-ambiguous': 1,
      'bad-options': 1,
      'bad-type': 1,
      'parse-error': 1,
    });
    expect(result.report.exclusions.find((e) => e.reason.startsWith('parse-error'))).toMatchObject({
      file: 'OmniMedVQA/QA_information/Open-access/Broken.json',
      index: -1,
    });
  });
});
