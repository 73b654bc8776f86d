// Tags files → Tables 2–3: a tags file decides which items count, gold labels stay, untagged items are reported,
// the notes name the classifier and the reasoning share, and re-tagging never changes the results it reads.
import { describe, expect, it } from 'vitest';
import { type TagLine, type TagsFile, parseTags, serializeTags, tagSetOf } from '../../../../src/core/classify';
import { shippedTextClassifier } from '../../../../src/core/classify/shipped';
import { tagsHeader } from '../../../../src/core/classify/tags';
import type { ResultRun } from '../../../../src/core/results';
import { assembleTable } from '../../../../src/core/tables';
import type { MeasuredCell } from '../../../../src/core/tables';
import type { BenchmarkId, ItemResult } from '../../../../src/core/types';
import { manifest, result } from '../results/make-results';

const BENCHMARKS: BenchmarkId[] = ['medxpertqa', 'omnimedvqa', 'pmc-vqa', 'pathvqa', 'mmmu-med', 'slake', 'vqa-rad'];
const HASH = 'a'.repeat(64);
const N = 20;

/** Item i of every benchmark is correct when i is even; MedXpertQA carries gold tags (first 14 reasoning). */
function runOf(benchmark: BenchmarkId): ResultRun {
  const results: ItemResult[] = [];
  for (let i = 0; i < N; i++) {
    const gold = benchmark === 'medxpertqa';
    results.push(
      result(`${benchmark}-${i}`, {
        model: 'qwen2.5-vl-7b',
        benchmark,
        correct: i % 2 === 0,
        tag: gold ? (i < 14 ? 'reasoning' : 'understanding') : null,
        tagSource: gold ? 'gold' : null,
      }),
    );
  }
  return { manifest: manifest({ model: 'qwen2.5-vl-7b', benchmark }), results };
}

/** A tags file tagging the items whose index is < cut as reasoning. */
function tagsFile(benchmark: BenchmarkId, cut: number, classifierId = 'text:x:1'): TagsFile {
  const c = shippedTextClassifier();
  const header = tagsHeader(benchmark, 'default', { ...c, id: classifierId });
  const tags: TagLine[] = Array.from({ length: N }, (_, i) => ({
    id: `${benchmark}-${i}`,
    tag: i < cut ? 'reasoning' : 'understanding',
    score: i < cut ? 0.9 : 0.1,
    classifier: classifierId,
    source: benchmark === 'medxpertqa' ? 'gold' : 'text',
    hash: HASH,
  }));
  return { header, tags };
}

function cell(t: ReturnType<typeof assembleTable>, b: BenchmarkId): MeasuredCell | null {
  const c = t.groups.flatMap((g) => g.rows).find((r) => r.model === 'qwen2.5-vl-7b')?.cells[b] ?? null;
  return c !== null && c.source === 'measured' ? c : null;
}

describe('Tables 2 and 3 from tags files', () => {
  const runs = BENCHMARKS.map(runOf);

  it('without tags only MedXpertQA (gold) is filled; with tags all seven are', () => {
    const t2 = assembleTable(2, runs);
    expect(BENCHMARKS.filter((b) => cell(t2, b) !== null)).toEqual(['medxpertqa']);
    const tags = tagSetOf(BENCHMARKS.map((b) => tagsFile(b, 8)));
    for (const kind of [2, 3] as const) {
      const t = assembleTable(kind, runs, { tags });
      for (const b of BENCHMARKS) {
        const c = cell(t, b);
        // MedXpertQA keeps its gold split (14/6); the others follow the file (8/12)
        const reasoningN = b === 'medxpertqa' ? 14 : 8;
        expect(c?.n).toBe(kind === 2 ? reasoningN : N - reasoningN);
        // reasoning items are indices 0…k−1: half of them even (correct)
        if (kind === 2) expect(c?.correct).toBe(Math.ceil(reasoningN / 2));
        expect(c?.untagged).toBe(0);
      }
    }
  });

  it('names the classifier, its source and CV AUC, and the reasoning share per benchmark', () => {
    const tags = tagSetOf(BENCHMARKS.map((b) => tagsFile(b, 5)));
    const notes = assembleTable(2, runs, { tags }).notes.join('\n');
    expect(notes).toMatch(
      /VQA-RAD: tags by classifier text:x:1 \(TEXT-ONLY features .*hashed-ngrams-v1, CV AUC 0\.8\d\d\); 25\.0% of 20 items tagged reasoning/,
    );
    expect(notes).toMatch(/MedXpert\w*: tags by gold question_type labels/);
    expect(assembleTable(1, runs, { tags }).notes.join('\n')).not.toMatch(/tags by/);
  });

  it('items a tags file does not name are untagged and reported', () => {
    const partial = tagsFile('slake', 10);
    partial.tags = partial.tags.slice(0, 15);
    const t = assembleTable(3, runs, { tags: tagSetOf([partial]) });
    expect(cell(t, 'slake')?.untagged).toBe(5);
    expect(cell(t, 'slake')?.n).toBe(5);
    expect(t.notes.join('\n')).toMatch(/5 item\(s\) without an understanding\/reasoning tag/);
  });

  it('another classifier changes the tables and leaves the results untouched', () => {
    const before = JSON.stringify(runs);
    const a = assembleTable(2, runs, { tags: tagSetOf(BENCHMARKS.map((b) => tagsFile(b, 4, 'text:a:1'))) });
    const b = assembleTable(2, runs, { tags: tagSetOf(BENCHMARKS.map((b) => tagsFile(b, 12, 'text:b:2'))) });
    expect(cell(a, 'vqa-rad')?.n).toBe(4);
    expect(cell(b, 'vqa-rad')?.n).toBe(12);
    expect(a.notes.join()).toContain('text:a:1');
    expect(b.notes.join()).toContain('text:b:2');
    expect(JSON.stringify(runs)).toBe(before);
  });
});

describe('tags files', () => {
  it('round-trip, and refuse a bad line, a duplicate id or two files for one benchmark', () => {
    const f = tagsFile('pathvqa', 3);
    const text = serializeTags(f);
    expect(parseTags(text, 't.jsonl')).toEqual(f);
    expect(() => parseTags(text.replace('"tag":"reasoning"', '"tag":"maybe"'), 't.jsonl')).toThrow(
      /t\.jsonl:2: not a tag line/,
    );
    const lines = text.trim().split('\n');
    expect(() => parseTags([...lines, lines[1]].join('\n'), 't.jsonl')).toThrow(/tagged twice/);
    expect(() => parseTags(lines.slice(1).join('\n'), 't.jsonl')).toThrow(/t\.jsonl:1: not a tags header/);
    expect(() => tagSetOf([f, f], ['a', 'b'])).toThrow(/two tags files for pathvqa \(b is the second\)/);
  });
});
