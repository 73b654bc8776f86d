import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson, sharedExists } from './support';

type Raw = Record<string, string | number>;

describeShared('pmc-vqa on the shared test_2 sample', () => {
  // The same rows ship as JSON: an independent source for the expected values of the CSV.
  const rows = readSharedJson('pmc-vqa', 'test_2_500_sample.json') as Raw[];
  const choice = (r: Raw, l: string): string =>
    String(r[`Choice ${l}`])
      .trim()
      .replace(new RegExp(`^${l}:`), '')
      .trim();

  it('variant test_2: ids from index, choices without "A:" prefixes, gold from Answer, figures under figures/', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('pmc-vqa')), 'pmc-vqa', 'test_2');
    expectConsistentReport(result);
    expect(result.report.format).toBe('csv-v2');
    expect(result.report.records).toBe(rows.length);
    expect(result.report.kept).toBe(rows.length);
    expect(result.items.map((i) => i.id)).toEqual(rows.map((r) => String(r['index'])));
    for (const [k, item] of result.items.entries()) {
      const r = rows[k] as Raw;
      expect(item.question).toBe(String(r['Question']).trim());
      expect(item.options.map((o) => o.text)).toEqual(['A', 'B', 'C', 'D'].map((l) => choice(r, l)));
      expect(item.answer).toBe(r['Answer']);
      const figure = `figures/${String(r['Figure_path'])}`;
      expect(item.images).toEqual([{ path: figure, present: sharedExists('pmc-vqa', figure) }]);
    }
    const present = rows.filter((r) => sharedExists('pmc-vqa', `figures/${String(r['Figure_path'])}`)).length;
    expect(present).toBeGreaterThan(0);
    expect(result.report.missingImages).toBe(rows.length - present);
  });

  it('the default variant asks for test_clean.csv and points at test_2', async () => {
    await expect(loadBenchmark(createFsSource(sharedPath('pmc-vqa')), 'pmc-vqa')).rejects.toMatchObject({
      code: 'dataset/no-files',
      message: expect.stringContaining('--variant test_2'),
    });
  });
});

describe('pmc-vqa v1 (test_clean.csv)', () => {
  const header = 'Figure_path,Question,Answer,Choice A,Choice B,Choice C,Choice D,Answer_label';
  const csv = [
    header,
    'PMC1_F1.jpg, What is shown? ,Mass, A:Mass  , B: Cyst , C:Nodule, D: Normal ,A',
    'PMC2_F2.jpg,"Which side, left or right?",right," A:left, lateral ",B:right,,,B',
    'PMC3_F3.jpg,Which stain?,H&E,A:H&E,B:PAS,C:Gram,D:Giemsa,E',
    'PMC4_F4.jpg,,x,A:a,B:b,C:c,D:d,A',
    'PMC5_F5.jpg,Gap?,b,A:a,,C:c,D:d,A',
    'PMC6_F6.jpg,Too short',
  ].join('\n');

  it('reads v1 columns: Answer_label gold, empty trailing choices dropped, bad rows excluded with their field', async () => {
    const source = createMemorySource({ 'test_clean.csv': csv + '\n', 'images/PMC1_F1.jpg': new Uint8Array([1]) });
    const result = await loadBenchmark(source, 'pmc-vqa');
    expectConsistentReport(result);
    expect(result.report.format).toBe('csv-v1');
    expect(result.report.records).toBe(6);
    expect(result.items.map((i) => i.id)).toEqual(['pmc-vqa:test_clean.csv#0', 'pmc-vqa:test_clean.csv#1']);
    expect(result.items[0]?.question).toBe('What is shown?');
    expect(result.items[0]?.options.map((o) => o.text)).toEqual(['Mass', 'Cyst', 'Nodule', 'Normal']);
    expect(result.items[1]?.options).toEqual([
      { letter: 'A', text: 'left, lateral' },
      { letter: 'B', text: 'right' },
    ]);
    expect(result.items[1]?.answer).toBe('B');
    // Figures live in images/ here: the folder that exists is used, also for the missing one.
    expect(result.items[0]?.images).toEqual([{ path: 'images/PMC1_F1.jpg', present: true }]);
    expect(result.items[1]?.images).toEqual([{ path: 'images/PMC2_F2.jpg', present: false }]);
    const byIndex = Object.fromEntries(
      result.report.exclusions.map((e) => [e.index, `${e.field} ${e.reason.split(':')[0] ?? ''}`]),
    );
    expect(byIndex).toEqual({
      2: 'Answer_label gold-not-in-options',
      3: 'Question missing-field',
      4: 'Choice C bad-options',
      5: ' csv-error',
    });
  });
});
