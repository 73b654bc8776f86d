import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../../src/core/benchmarks';
import { createFsSource } from '../../../../src/data/fs';
import { createMemorySource } from '../../../../src/data/memory';
import { describeShared, sharedPath } from '../../../support/shared-datasets';
import { expectConsistentReport, readSharedLines } from './support';

describeShared('medxpertqa on the shared MM sample', () => {
  const raw = readSharedLines('medxpertqa', 'MM', 'test.jsonl');

  it('HF MM/test.jsonl: gold label, options A–E, inline choices stripped, gold tags, images reported missing', async () => {
    const result = await loadBenchmark(createFsSource(sharedPath('medxpertqa')), 'medxpertqa');
    expectConsistentReport(result);
    expect(result.report.format).toBe('hf-jsonl');
    expect(result.report.files).toEqual(['MM/test.jsonl']);
    expect(result.report.kept).toBe(raw.length);
    expect(result.report.missingImages).toBe(raw.filter((r) => (r['images'] as string[]).length > 0).length);
    const counts = { reasoning: 0, understanding: 0 };
    for (const [k, item] of result.items.entries()) {
      const r = raw[k] ?? {};
      expect(item.id).toBe(r['id']);
      expect(item.answer).toBe(r['label']);
      expect(item.options.map((o) => `${o.letter}=${o.text}`)).toEqual(
        Object.entries(r['options'] as Record<string, string>).map(([l, t]) => `${l}=${t.trim()}`),
      );
      const q = String(r['question']);
      expect(item.question).toBe(q.slice(0, q.indexOf('\nAnswer Choices:')).trim());
      expect(item.question).not.toContain('Answer Choices');
      expect(item.tagSource).toBe('gold');
      expect(item.tag).toBe(String(r['question_type']).toLowerCase());
      expect(item.images.map((i) => i.path)).toEqual((r['images'] as string[]).map((n) => `images/${n}`));
      expect(item.images.every((i) => !i.present)).toBe(true);
      if (item.tag) counts[item.tag]++;
    }
    expect(counts.reasoning).toBe(raw.filter((r) => r['question_type'] === 'Reasoning').length);
    expect(counts.understanding).toBe(raw.filter((r) => r['question_type'] === 'Understanding').length);
  });

  it('the official eval jsonl shape yields the same items', async () => {
    const hf = await loadBenchmark(createFsSource(sharedPath('medxpertqa')), 'medxpertqa');
    const official = await loadBenchmark(createFsSource(sharedPath('medxpertqa', 'eval')), 'medxpertqa');
    expectConsistentReport(official);
    expect(official.report.format).toBe('official-eval-jsonl');
    expect(official.items).toEqual(hf.items);
  });

  it('variant text reads Text/test.jsonl (10 options, no images)', async () => {
    const text = readSharedLines('medxpertqa', 'Text', 'test.jsonl');
    const result = await loadBenchmark(createFsSource(sharedPath('medxpertqa')), 'medxpertqa', 'text');
    expectConsistentReport(result);
    expect(result.report.kept).toBe(text.length);
    expect(
      result.items.every(
        (i) => i.options.length === Object.keys(text[0]?.['options'] as object).length && i.images.length === 0,
      ),
    ).toBe(true);
  });
});

describe('medxpertqa malformed records', () => {
  const line = (over: Record<string, unknown>): string =>
    JSON.stringify({
      id: 'MM-1',
      question: 'Q?\nAnswer Choices: (A) a (B) b',
      options: { A: 'a', B: 'b' },
      label: 'A',
      images: ['MM-1-a.jpeg'],
      medical_task: 'Diagnosis',
      body_system: 'Skeletal',
      question_type: 'Reasoning',
      ...over,
    });

  it('excludes bad gold, bad options, broken lines and duplicates; finds images under images/', async () => {
    const jsonl = [
      line({}),
      line({ id: 'MM-2', label: 'F' }),
      line({ id: 'MM-3', options: { A: 'a', C: 'c' } }),
      '{not json',
      '',
      line({ id: 'MM-1' }),
      line({
        id: 'MM-5',
        label: ['A', 'B'],
        options: [
          { letter: 'A', content: 'a' },
          { letter: 'B', content: 'b' },
        ],
      }),
      line({
        id: 'MM-6',
        question_type: 'NULL',
        label: ['B'],
        options: [
          { letter: 'A', content: 'a' },
          { letter: 'B', content: 'b' },
        ],
        images: [{ image_path: 'MM-6.png' }],
      }),
    ].join('\n');
    const source = createMemorySource({ 'MM/test.jsonl': jsonl, 'images/MM-1-a.jpeg': new Uint8Array([1]) });
    const result = await loadBenchmark(source, 'medxpertqa', 'mm');
    expectConsistentReport(result);
    expect(result.report.records).toBe(7);
    expect(result.items.map((i) => i.id)).toEqual(['MM-1', 'MM-6']);
    expect(result.items[0]?.question).toBe('Q?');
    expect(result.items[0]?.images).toEqual([{ path: 'images/MM-1-a.jpeg', present: true }]);
    expect(result.items[1]?.answer).toBe('B');
    expect(result.items[1]?.tag).toBeUndefined();
    expect(result.report.missingImages).toBe(1);
    expect(result.report.excludedByReason).toEqual({
      'bad-gold': 2,
      'bad-options': 1,
      'parse-error': 1,
      'duplicate-id': 1,
    });
    expect(result.report.exclusions.find((e) => e.reason.startsWith('parse-error'))?.index).toBe(3);
  });
});

describe('medxpertqa official eval shape (generated)', () => {
  it('reads options [{letter, content}], label [letter], images [{image_path}] from the eval repo layout', async () => {
    const record = {
      id: 'MM-9',
      question: 'Which bone?\nAnswer Choices: (A) Radius (B) Ulna (C) Humerus',
      options: [
        { letter: 'A', content: 'Radius' },
        { letter: 'B', content: 'Ulna' },
        { letter: 'C', content: 'Humerus' },
      ],
      label: ['C'],
      images: [{ image_path: 'MM-9-a.jpeg' }, { image_path: 'MM-9-b.png' }],
      medical_task: 'Diagnosis',
      body_system: 'Skeletal',
      question_type: 'Understanding',
    };
    const source = createMemorySource({
      'eval/data/medxpertqa/input/medxpertqa_mm_input.jsonl': JSON.stringify(record) + '\n',
      'images/MM-9-b.png': new Uint8Array([1]),
    });
    const result = await loadBenchmark(source, 'medxpertqa');
    expectConsistentReport(result);
    expect(result.report.format).toBe('official-eval-jsonl');
    expect(result.items).toEqual([
      {
        id: 'MM-9',
        benchmark: 'medxpertqa',
        variant: 'mm',
        question: 'Which bone?',
        options: [
          { letter: 'A', text: 'Radius' },
          { letter: 'B', text: 'Ulna' },
          { letter: 'C', text: 'Humerus' },
        ],
        answer: 'C',
        images: [
          { path: 'images/MM-9-a.jpeg', present: false },
          { path: 'images/MM-9-b.png', present: true },
        ],
        meta: { medical_task: 'Diagnosis', body_system: 'Skeletal', question_type: 'Understanding' },
        tag: 'understanding',
        tagSource: 'gold',
      },
    ]);
    expect(result.report.missingImages).toBe(1);
  });
});
