import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedJson, sharedExists } from './support';

type Raw = Record<string, unknown>;

describeShared('slake on the shared Slake1.0 sample', () => {
  const raw = readSharedJson('slake', 'test.json') as Raw[];

  it('keeps English closed questions; yes/no → A/B, either/or → the alternatives in question order', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('slake')), 'slake');
    expectConsistentReport(result);
    const closed = raw.filter((r) => r['q_lang'] === 'en' && r['answer_type'] === 'CLOSED');
    expect(closed.length).toBeGreaterThan(0);
    expect(result.report.records).toBe(raw.length);
    expect(result.report.filtered).toBe(raw.length - closed.length);
    expect(result.report.kept + result.report.excluded).toBe(closed.length);
    const byId = new Map(result.items.map((i) => [i.id, i]));
    let eitherOr = 0;
    for (const r of closed) {
      const item = byId.get(String(r['qid']));
      const answer = String(r['answer']).trim().toLowerCase();
      if (answer === 'yes' || answer === 'no') {
        expect(item?.options.map((o) => o.text)).toEqual(['yes', 'no']);
        expect(item?.answer).toBe(answer === 'yes' ? 'A' : 'B');
      } else if (item !== undefined) {
        eitherOr++;
        // Independent derivation for the comma form "…,x,y or z?": the segments after the stem.
        const q = String(r['question']).replace(/\?$/, '');
        const [head = '', tail = ''] = [q.slice(0, q.lastIndexOf(' or ')), q.slice(q.lastIndexOf(' or ') + 4)];
        const expected = [
          ...head
            .split(',')
            .slice(1)
            .map((s) => s.trim()),
          tail.trim(),
        ];
        expect(item.options.map((o) => o.text)).toEqual(expected);
        expect(item.answer).toBe('ABCDEFG'.charAt(expected.findIndex((e) => e.toLowerCase() === answer)));
      }
      if (item !== undefined) {
        expect(item.images).toEqual([
          { path: `imgs/${String(r['img_name'])}`, present: sharedExists('slake', `imgs/${String(r['img_name'])}`) },
        ]);
        expect(item.meta['content_type']).toBe(r['content_type']);
      }
    }
    expect(eitherOr).toBeGreaterThan(0);
    expect(result.report.missingImages).toBe(
      closed.filter((r) => !sharedExists('slake', `imgs/${String(r['img_name'])}`)).length,
    );
  });
});

describe('slake closed-question conversion', () => {
  const rec = (qid: number, question: string, answer: string, over: Raw = {}): Raw => ({
    img_id: 1,
    img_name: 'xmlab1/source.jpg',
    question,
    answer,
    q_lang: 'en',
    location: 'Abdomen',
    modality: 'CT',
    answer_type: 'CLOSED',
    base_type: 'vqa',
    triple: ['vhead', '_', '_'],
    qid,
    content_type: 'Organ',
    ...over,
  });

  it('handles the comma forms, filters Chinese and open questions, and excludes what cannot be multiple choice', async () => {
    const records = [
      rec(1, 'Which is bigger in this image, liver or spleen?', 'Liver'),
      rec(2, 'Where is the abnormality located,left,top or upper left?', 'Upper Left'),
      rec(3, 'Which organ is abnormal, heart or lung?', 'Kidney'), // gold not among the alternatives
      rec(4, 'What is the largest organ?', 'Liver'), // closed but names no alternatives
      rec(5, '这是什么?', '是', { q_lang: 'zh' }),
      rec(6, 'What modality is this?', 'CT', { answer_type: 'OPEN' }),
      rec(7, 'Does the picture contain liver?', 'YES'),
      rec(8, 'Which is bigger, liver or Liver?', 'liver'), // two options match the gold
    ];
    const source = createMemorySource({
      'test.json': JSON.stringify(records),
      'imgs/xmlab1/source.jpg': new Uint8Array([1]),
    });
    const result = await loadBenchmark(source, 'slake', 'closed');
    expectConsistentReport(result);
    expect(result.items.map((i) => i.id)).toEqual(['1', '2', '7']);
    expect(result.items[0]?.options.map((o) => o.text)).toEqual(['liver', 'spleen']);
    expect(result.items[0]?.answer).toBe('A');
    expect(result.items[1]?.options.map((o) => o.text)).toEqual(['left', 'top', 'upper left']);
    expect(result.items[1]?.answer).toBe('C');
    expect(result.items[2]?.answer).toBe('A');
    expect(result.report.filtered).toBe(2);
    expect(result.report.excludedByReason).toEqual({
      'gold-not-in-options': 1,
      'options-underivable': 1,
      'gold-ambiguous': 1,
    });
    expect(result.report.missingImages).toBe(0);
  });
});
