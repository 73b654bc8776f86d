import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createMemorySource } from '../../../../src/data/memory';
import { TINY_JPEG, TINY_PNG, sampleMmmuRows, writeMmmuParquet } from '../../../fixtures/mmmu-parquet';
import { createFsSource } from '../../../../src/data/fs';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport } from './support';

const CLINICAL = 'Clinical_Medicine/validation-00000-of-00001.parquet';
const PHARMACY = 'Pharmacy/validation-00000-of-00001.parquet';

describe('mmmu-med from HF-shaped parquet', () => {
  const clinical = sampleMmmuRows('Clinical_Medicine');
  const pharmacy = sampleMmmuRows('Pharmacy');
  const art = sampleMmmuRows('Art');
  const source = createMemorySource({
    [CLINICAL]: writeMmmuParquet(clinical),
    [PHARMACY]: writeMmmuParquet(pharmacy),
    'Art/validation-00000-of-00001.parquet': writeMmmuParquet(art),
    'Clinical_Medicine/dev-00000-of-00001.parquet': writeMmmuParquet(clinical.slice(0, 2)),
  });

  it('keeps multiple-choice validation items of the medical subjects; open ones and other subjects are filtered', async () => {
    const result = await loadBenchmark(source, 'mmmu-med');
    expectConsistentReport(result);
    expect(result.report.format).toBe('parquet');
    expect(result.report.files).toHaveLength(3); // validation files only, dev ignored
    const mc = (rows: typeof clinical) => rows.filter((r) => r.question_type === 'multiple-choice');
    expect(result.report.records).toBe(clinical.length + pharmacy.length + art.length);
    expect(result.report.kept).toBe(mc(clinical).length + mc(pharmacy).length);
    expect(result.report.filtered).toBe(
      clinical.length - mc(clinical).length + pharmacy.length - mc(pharmacy).length + art.length,
    );
    expect(result.items.map((i) => i.id)).toEqual([...mc(clinical), ...mc(pharmacy)].map((r) => r.id));
    expect(result.items.map((i) => i.answer)).toEqual(
      [...mc(clinical), ...mc(pharmacy)].map((r) => r.answer.toUpperCase()),
    );
  });

  it('parses the Python-list options safely: quotes, apostrophes, commas, escapes', async () => {
    const { items } = await loadBenchmark(source, 'mmmu-med');
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get('validation_Clinical_Medicine_2')?.options.map((o) => o.text)).toEqual([
      "It's the patient's left lung",
      'A "ground-glass" pattern, bilateral',
      "Both, i.e. 'mixed'",
      '<image 3>',
    ]);
    expect(byId.get('validation_Clinical_Medicine_4')?.options.map((o) => o.text)).toEqual([
      'Ca²⁺ influx',
      'Na+, K+ pump',
      'None of the above',
    ]);
  });

  it('maps <image n> to inline image bytes in order of first appearance, question text unchanged', async () => {
    const { items, report } = await loadBenchmark(source, 'mmmu-med');
    const two = items.find((i) => i.id === 'validation_Clinical_Medicine_2');
    expect(two?.question).toBe('Compare <image 2> with <image 1>. Which matches?');
    expect(two?.images.map((i) => i.path)).toEqual([2, 1, 3].map((n) => `${CLINICAL}#1/image_${n}`));
    expect(two?.images.map((i) => i.bytes)).toEqual([TINY_JPEG, TINY_PNG, TINY_PNG]);
    expect(two?.images.every((i) => i.present)).toBe(true);
    // <image 2> of row 6 is null in the parquet: reported missing, not dropped.
    const six = items.find((i) => i.id === 'validation_Pharmacy_6');
    expect(six?.images.map((i) => [i.path, i.present])).toEqual([
      [`${PHARMACY}#5/image_1`, true],
      [`${PHARMACY}#5/image_2`, false],
    ]);
    expect(report.missingImages).toBe(2);
    expect(items.find((i) => i.id === 'validation_Pharmacy_1')?.meta).toMatchObject({
      subject: 'Pharmacy',
      subfield: 'Pathology',
      question_type: 'multiple-choice',
    });
  });

  it('excludes unparseable options, out-of-range answers and records without id', async () => {
    const rows = sampleMmmuRows('Public_Health').slice(0, 1);
    const bad = [
      ...rows,
      { ...rows[0], id: 'validation_Public_Health_7', options: "['unterminated, 'x']" },
      { ...rows[0], id: 'validation_Public_Health_8', options: "__import__('os').system('x')" },
      { ...rows[0], id: 'validation_Public_Health_9', answer: 'E' },
      { ...rows[0], id: '' },
    ].map((r) => ({ ...sampleMmmuRows('Public_Health')[0], ...r }) as (typeof rows)[number]);
    const result = await loadBenchmark(
      createMemorySource({ 'Public_Health/validation-00000-of-00001.parquet': writeMmmuParquet(bad) }),
      'mmmu-med',
    );
    expectConsistentReport(result);
    expect(result.items.map((i) => i.id)).toEqual(['validation_Public_Health_1']);
    expect(result.report.excludedByReason).toEqual({ 'bad-options': 2, 'bad-gold': 1, 'missing-field': 1 });
  });

  it('says which files it wants when none are there', async () => {
    await expect(loadBenchmark(createMemorySource({ 'a.txt': '' }), 'mmmu-med')).rejects.toMatchObject({
      code: 'dataset/no-files',
      message: expect.stringContaining('Clinical_Medicine'),
    });
  });
});

describeShared('mmmu-med on the shared folder (schema only, no parquet)', () => {
  it('reports that the validation parquet files are missing', async () => {
    await expect(loadBenchmark(createFsSource(sharedPath('mmmu')), 'mmmu-med')).rejects.toMatchObject({
      code: 'dataset/no-files',
    });
  });
});
