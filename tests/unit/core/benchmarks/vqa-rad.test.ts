import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson, reasonCodes, sharedExists } from './support';

const JSON_NAME = 'VQA_RAD Dataset Public.json';
type Raw = Record<string, unknown>;

describeShared('vqa-rad on the shared OSF sample', () => {
  const raw = readSharedJson('vqa-rad', JSON_NAME) as Raw[];
  const isTest = (r: Raw): boolean => r['phrase_type'] === 'test_freeform' || r['phrase_type'] === 'test_para';
  const yesNo = (r: Raw): string | null => {
    const a = String(r['answer']).trim().toLowerCase();
    return a === 'yes' || a === 'no' ? a : null;
  };

  it('yesno (default): keeps test-split yes/no answers, A = yes, B = no', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('vqa-rad')), 'vqa-rad');
    expectConsistentReport(result);
    const expected = raw.filter((r) => isTest(r) && yesNo(r) !== null);
    expect(expected.length).toBeGreaterThan(0);
    expect(result.report.records).toBe(raw.length);
    expect(result.report.kept).toBe(expected.length);
    expect(result.report.filtered).toBe(raw.length - expected.length);
    expect(result.report.excluded).toBe(0);
    expect(result.items.map((i) => i.id)).toEqual(expected.map((r) => String(r['qid'])));
    for (const [k, item] of result.items.entries()) {
      const r = expected[k] as Raw;
      expect(item.answer).toBe(yesNo(r) === 'yes' ? 'A' : 'B');
      expect(item.options).toEqual([
        { letter: 'A', text: 'yes' },
        { letter: 'B', text: 'no' },
      ]);
      expect(item.images).toEqual([{ path: `VQA_RAD Image Folder/${String(r['image_name'])}`, present: true }]);
      expect(item.meta['image_organ']).toBe(r['image_organ']);
    }
    const missing = expected.filter(
      (r) => !sharedExists('vqa-rad', `VQA_RAD Image Folder/${String(r['image_name'])}`),
    ).length;
    expect(result.report.missingImages).toBe(missing);
  });

  it('closed: answer_type CLOSED in the test split; either/or questions get their named alternatives', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('vqa-rad')), 'vqa-rad', 'closed');
    expectConsistentReport(result);
    const closed = raw.filter((r) => isTest(r) && String(r['answer_type']).trim() === 'CLOSED');
    expect(result.report.kept + result.report.excluded).toBe(closed.length);
    expect(result.report.filtered).toBe(raw.length - closed.length);
    const byId = new Map(result.items.map((i) => [i.id, i]));
    let eitherOr = 0;
    for (const r of closed) {
      const item = byId.get(String(r['qid']));
      if (item === undefined) continue;
      const yn = yesNo(r);
      if (yn !== null) {
        expect(item.answer).toBe(yn === 'yes' ? 'A' : 'B');
        continue;
      }
      eitherOr++;
      // The gold text is the chosen option, and every option is named in the question.
      const gold = item.options.find((o) => o.letter === item.answer);
      expect(gold?.text.toLowerCase()).toBe(String(r['answer']).trim().toLowerCase());
      for (const o of item.options) expect(String(r['question']).toLowerCase()).toContain(o.text.toLowerCase());
    }
    expect(eitherOr).toBeGreaterThan(0);
  });
});

describe('vqa-rad raw-format quirks', () => {
  const rec = (over: Raw): Raw => ({
    qid: 1,
    phrase_type: 'test_freeform',
    qid_linked_id: 'x',
    image_case_url: 'u',
    image_name: 'synpic1.jpg',
    image_organ: 'HEAD',
    evaluation: 'not evaluated',
    question: 'Is there a mass?',
    question_rephrase: 'NULL',
    question_relation: 'NULL',
    question_frame: 'NULL',
    question_type: 'PRES, POS',
    answer: 'Yes',
    answer_type: 'CLOSED',
    ...over,
  });
  const source = (records: unknown[]): ReturnType<typeof createMemorySource> =>
    createMemorySource({
      [JSON_NAME]: JSON.stringify(records),
      'VQA_RAD Image Folder/synpic1.jpg': new Uint8Array([1]),
    });

  it('reads numeric qids and answers, "NULL" strings, and excludes bad records with file, index and field', async () => {
    const records = [
      rec({ qid: 1 }),
      rec({ qid: 2, answer: 2, answer_type: 'OPEN', question: 'How many masses?' }), // numeric answer: not yes/no → filtered
      rec({ qid: 3, phrase_type: 'freeform' }), // train split → filtered
      rec({ qid: 4, question: 'NULL' }), // "NULL" question → excluded
      rec({ qid: 5, image_name: 'synpic404.jpg', answer: ' no ' }), // missing image → kept, reported
      rec({ qid: 1, answer: 'no' }), // duplicate qid → excluded
      rec({ qid: 7, answer: { text: 'yes' } }), // wrong type → excluded
      42,
    ];
    const result = await loadBenchmark(source(records), 'vqa-rad', 'yesno');
    expectConsistentReport(result);
    expect(result.items.map((i) => i.id)).toEqual(['1', '5']);
    expect(result.items[1]?.answer).toBe('B');
    expect(result.items[0]?.meta['question_type']).toBe('PRES, POS');
    expect(result.report.filtered).toBe(2);
    expect(result.report.missingImages).toBe(1);
    expect(result.items[1]?.images[0]).toEqual({ path: 'VQA_RAD Image Folder/synpic404.jpg', present: false });
    expect(reasonCodes(result).sort()).toEqual(['bad-type', 'duplicate-id', 'missing-field', 'not-a-record']);
    const nullQuestion = result.report.exclusions.find((e) => e.index === 3);
    expect(nullQuestion).toMatchObject({ file: JSON_NAME, field: 'question' });
  });

  it('closed: derives either/or options, excludes items whose gold is not among them or which name none', async () => {
    const records = [
      rec({ qid: 10, question: 'Is this an MRI or a CT scan?', answer: 'CT' }),
      rec({ qid: 11, question: 'Are the opacities bilateral or unilateral?', answer: 'left' }),
      rec({ qid: 12, question: 'What organ is shown?', answer: 'liver' }),
      rec({ qid: 13, question: 'How many lesions?', answer: 3 }),
      rec({ qid: 14, answer: 'Yes' }),
      rec({ qid: 15, answer_type: 'OPEN', answer: 'brain' }),
    ];
    const result = await loadBenchmark(source(records), 'vqa-rad', 'closed');
    expectConsistentReport(result);
    expect(result.items.map((i) => i.id)).toEqual(['10', '14']);
    expect(result.items[0]?.options).toEqual([
      { letter: 'A', text: 'MRI' },
      { letter: 'B', text: 'CT' },
    ]);
    expect(result.items[0]?.answer).toBe('B');
    expect(result.report.filtered).toBe(1);
    expect(result.report.excludedByReason).toEqual({ 'gold-not-in-options': 1, 'options-underivable': 2 });
  });

  it('says where it looked when the json is absent', async () => {
    await expect(loadBenchmark(createMemorySource({ 'x.txt': 'x' }, 'somewhere'), 'vqa-rad')).rejects.toMatchObject({
      code: 'dataset/no-files',
      message: expect.stringContaining('somewhere'),
    });
  });
});
