// The inspector's pure parts: output blocks (think folded, span marked), the index's filters
// (each filter alone and combined, time slicing, superseding) and key navigation.
import { describe, expect, it } from 'vitest';
import { explainAnswer } from '../../../../../src/core/extract';
import { toItemResult } from '../../../../../src/core/score';
import type { ItemResult } from '../../../../../src/core/types';
import {
  buildInspectIndex,
  byId,
  filterIndex,
  movedPosition,
  NO_FILTER,
  textMatcher,
} from '../../../../../src/app/lib/pure/inspect-index';
import type { InspectFilter, Slicing } from '../../../../../src/app/lib/pure/inspect-index';
import { outputBlocks } from '../../../../../src/app/lib/pure/inspect-output';
import { makeItems } from '../../../core/run/fixtures';

const instant: Slicing = { yieldToHost: async () => {}, now: () => 0, sliceMs: 10, superseded: () => false };
const filter = (patch: Partial<InspectFilter>): InspectFilter => ({ ...NO_FILTER, ...patch });

describe('outputBlocks', () => {
  const flat = (output: string, span: { start: number; end: number } | null) =>
    outputBlocks(output, span).map((b) => [b.kind, b.pieces.map((p) => (p.marked ? `[${p.text}]` : p.text)).join('')]);

  it('folds think blocks and marks the answer span after them', () => {
    const out = '<think>is it \\boxed{B}?</think>Final: \\boxed{A}.';
    const span = explainAnswer(out, makeItems(1)[0]?.options ?? []).span;
    expect(flat(out, span)).toEqual([
      ['think', '<think>is it \\boxed{B}?</think>'],
      ['text', 'Final: \\boxed{[A]}.'],
    ]);
  });

  it('treats a leading </think> without <think> as a think block, and an unclosed one as running to the end', () => {
    expect(flat('reasoning</think>answer', null)).toEqual([
      ['think', 'reasoning</think>'],
      ['text', 'answer'],
    ]);
    expect(flat('a<think>b', null)).toEqual([
      ['text', 'a'],
      ['think', '<think>b'],
    ]);
    expect(outputBlocks('', null)).toEqual([]);
    // The blocks always cover the output exactly.
    const out = 'x</think>y<think>z</think>w<think>';
    expect(
      outputBlocks(out, { start: 3, end: 12 })
        .flatMap((b) => b.pieces.map((p) => p.text))
        .join(''),
    ).toBe(out);
  });
});

function results(): ItemResult[] {
  const items = makeItems(6);
  const outputs = ['\\boxed{A}', '\\boxed{A}', 'no idea', '\\boxed{B} Pneumothorax', '\\boxed{A', '\\boxed{B}'];
  return items.map((item, i) => {
    const r = toItemResult(item, outputs[i] ?? '', { model: 'm', mode: 'paper' });
    if (i === 5) return { ...r, error: { code: 'backend/timeout', message: 'slow' }, correct: false };
    return { ...r, tag: i < 3 ? 'reasoning' : null };
  });
}

describe('filterIndex', () => {
  const items = makeItems(6);
  const rs = results();
  const index = buildInspectIndex(rs, byId(items));
  const ids = async (f: Partial<InspectFilter>): Promise<string[]> => {
    const out = await filterIndex(index, filter(f), instant);
    return [...(out ?? [])].map((i) => rs[i]?.id ?? '?');
  };

  it('keeps everything without a filter, in stored order', async () => {
    expect(await ids({})).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });

  it('filters by outcome, status, tag and a metadata value', async () => {
    // Gold alternates A/B: q0 right, q1 wrong (A for B), q3 right (B), q5 failed.
    expect(await ids({ outcome: 'correct' })).toEqual(['q0', 'q3']);
    expect(await ids({ outcome: 'wrong' })).toEqual(['q1', 'q2', 'q4']);
    expect(await ids({ outcome: 'failed' })).toEqual(['q5']);
    expect(await ids({ status: 'truncated' })).toEqual(['q4']);
    expect(await ids({ status: 'no_answer' })).toEqual(['q2']); // the failed q5 is not an extraction status
    expect(await ids({ tag: 'reasoning' })).toEqual(['q0', 'q1', 'q2']);
    expect(await ids({ tag: 'none' })).toEqual(['q3', 'q4', 'q5']);
    expect(await ids({ metaField: 'organ', metaValue: 'HEAD' })).toEqual(['q0', 'q3']);
    expect(index.metaValues.get('organ')).toEqual(['CHEST', 'HEAD']);
  });

  it('searches question, output and id case-insensitively, combined with the other filters', async () => {
    expect(await ids({ text: 'PNEUMOTHORAX' })).toEqual(['q3']);
    expect(await ids({ text: '[q4]' })).toEqual(['q4']); // the question text, from the dataset
    expect(await ids({ text: 'fracture', outcome: 'wrong' })).toEqual(['q1', 'q2', 'q4']);
    const noData = buildInspectIndex(rs, null);
    expect([...((await filterIndex(noData, filter({ text: '[q4]' }), instant)) ?? [])]).toEqual([]);
  });

  it('yields between slices and gives up when superseded', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...rs[0], id: `x${i}` }) as ItemResult);
    const big = buildInspectIndex(many, null);
    let clock = 0;
    let yields = 0;
    const slicing: Slicing = {
      yieldToHost: async () => void (yields += 1),
      now: () => (clock += 5), // every clock read is 5 ms later: a yield every 256 items
      sliceMs: 4,
      superseded: () => yields >= 3,
    };
    expect(await filterIndex(big, filter({ text: 'x1' }), slicing)).toBeNull();
    expect(yields).toBe(3);
    yields = 0;
    const all = await filterIndex(big, filter({ text: 'x1' }), { ...slicing, superseded: () => false });
    expect(all?.length).toBe(many.filter((r) => r.id.includes('x1')).length);
    expect(yields).toBe(Math.floor(3000 / 256));
  });

  it('takes the search text literally: regex characters match themselves, no cased letters is a plain test', async () => {
    const match = textMatcher('  a.b (c) [x]* \\boxed{A}? $1 ^|/  ');
    expect(match?.('A.B (C) [X]* \\BOXED{a}? $1 ^|/')).toBe(true);
    expect(match?.('axb (c) [x]* \\boxed{A}? $1 ^|/')).toBe(false); // '.' is a dot, not any character
    expect(textMatcher('   ')).toBeNull();
    const digits = textMatcher(' 42% ');
    expect(digits?.('answer: 42%')).toBe(true);
    expect(digits?.('answer: 4 2%')).toBe(false);
    // Case folding beyond ASCII, as toLowerCase did.
    expect(textMatcher('ÖDEM')?.('Hinweis auf ein ödem')).toBe(true);
    expect(textMatcher('плевра')?.('ПЛЕВРА')).toBe(true);
  });
});

describe('movedPosition', () => {
  it('moves by arrows, j/k, pages and ends, clamped; other keys do nothing', () => {
    expect(movedPosition('ArrowDown', 0, 5, 3)).toBe(1);
    expect(movedPosition('j', 4, 5, 3)).toBe(4);
    expect(movedPosition('ArrowUp', 0, 5, 3)).toBe(0);
    expect(movedPosition('k', 2, 5, 3)).toBe(1);
    expect(movedPosition('PageDown', 1, 5, 3)).toBe(4);
    expect(movedPosition('PageUp', 4, 5, 3)).toBe(1);
    expect(movedPosition('Home', 3, 5, 3)).toBe(0);
    expect(movedPosition('End', 0, 5, 3)).toBe(4);
    expect(movedPosition('ArrowDown', -1, 5, 3)).toBe(0);
    expect(movedPosition('x', 0, 5, 3)).toBeNull();
    expect(movedPosition('ArrowDown', 0, 0, 3)).toBeNull();
  });
});
