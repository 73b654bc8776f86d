// The hand-written result check is the import's fast path; valibot's ResultSchema stays the definition. Over a
// corpus of good lines and of every field mutated to wrong or edge values, whatever the fast path accepts valibot
// accepts with the same output, and the fast path accepts every line valibot does (so it is not merely stricter).
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { parseResultsJsonl, serializeManifest, serializeResult } from '../../../../src/core/results';
import { checkInPlace, checkResult } from '../../../../src/core/results/checks';
import { fastResult } from '../../../../src/core/results/fast-result';
import { ResultSchema } from '../../../../src/core/results/schema';
import { manifest, result } from './make-results';

const base = (): Record<string, unknown> => JSON.parse(serializeResult(result('q1')).trim()) as Record<string, unknown>;

const GOOD: Record<string, unknown>[] = [
  base(),
  { ...base(), meta: { modality: 'CT', n: 3, ok: true, none: null } },
  { ...base(), error: { code: 'timeout', message: 'no answer in 60 s' }, outputLength: 12 },
  { ...base(), letter: null, extracted: null, tag: null, tagSource: null, promptTokens: null },
  { ...base(), latencyMs: 1e308, completionTokens: -5, promptTokens: 1.5 },
  { ...base(), mode: 'lenient', tag: 'reasoning', tagSource: 'text', output: '' },
  // Keys out of order, an unknown key, a nested extra key: accepted, the output is rebuilt in schema order.
  { extra: 1, ...base() },
  { ...base(), error: { message: 'm', code: 'c' } },
  { ...base(), error: { code: 'c', message: 'm', stack: 'x' } },
];

const BAD_VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  [],
  {},
  { code: 'c' },
];

/** Every field of every good line set to every odd value, and deleted. */
function mutations(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const good of GOOD)
    for (const key of [...Object.keys(good), 'meta', 'error', 'outputLength']) {
      const without = { ...good };
      delete without[key];
      out.push(without);
      for (const value of BAD_VALUES) out.push({ ...good, [key]: value });
    }
  out.push({ ...base(), meta: { modality: { nested: 1 } } });
  out.push({ ...base(), benchmark: 'not-a-benchmark' });
  out.push({ ...base(), status: 'parsed' });
  return out;
}

// valibot's record() takes an array, and drops the keys __proto__, prototype and constructor: the fast path leaves
// such lines to valibot (the reader then uses valibot's output), so here it is stricter by design.
const LEFT_TO_VALIBOT: Record<string, unknown>[] = [
  { ...base(), meta: ['CT'] },
  { ...base(), meta: [] },
  { ...base(), meta: JSON.parse('{"__proto__": "x", "a": "b"}') as unknown },
  { ...base(), meta: { constructor: 'x' } },
  { ...base(), meta: { prototype: 1 } },
];
// JSON has no undefined: a key holding it (an optional one, which valibot accepts) comes from no file.
const leftToValibot = (line: Record<string, unknown>): boolean =>
  Array.isArray(line['meta']) || ['meta', 'error', 'outputLength'].some((k) => k in line && line[k] === undefined);

describe('fastResult agrees with ResultSchema', () => {
  it('accepts every good line, with valibot’s exact output', () => {
    for (const line of GOOD) {
      const fast = fastResult(structuredClone(line));
      const slow = v.safeParse(ResultSchema, structuredClone(line));
      expect(slow.success).toBe(true);
      expect(fast).not.toBeNull();
      if (slow.success) expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.output));
    }
  });

  it('returns the parsed object itself for a line in schema order, a rebuilt one otherwise', () => {
    const inOrder = base();
    expect(fastResult(inOrder)).toBe(inOrder);
    const extra = { extra: 1, ...base() };
    expect(fastResult(extra)).not.toBe(extra);
    expect(fastResult(extra)).not.toHaveProperty('extra');
  });

  it('gives the same verdict and output as valibot over mutated lines', () => {
    const corpus = mutations();
    let rejected = 0;
    for (const line of corpus) {
      const fast = fastResult(structuredClone(line));
      const slow = v.safeParse(ResultSchema, structuredClone(line));
      if (!slow.success) rejected += 1;
      if (leftToValibot(line)) {
        expect(fast).toBeNull();
        continue;
      }
      // Accept/reject agree; where both accept, the outputs are the same value in the same key order.
      expect({ line, accepted: fast !== null }).toEqual({ line, accepted: slow.success });
      if (fast !== null && slow.success) expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.output));
    }
    // The corpus really exercises rejection, and acceptance of harmless changes.
    expect(rejected).toBeGreaterThan(corpus.length / 2);
    expect(rejected).toBeLessThan(corpus.length);
  });

  it('leaves to valibot the lines valibot accepts by dropping or converting part of them', () => {
    for (const line of LEFT_TO_VALIBOT) {
      expect(fastResult(structuredClone(line))).toBeNull();
      expect(v.safeParse(ResultSchema, structuredClone(line)).success).toBe(true);
    }
  });
});

describe('the reader with the fast path', () => {
  it('reads lines either path accepts alike, and still describes a bad line with valibot', () => {
    const lines = [
      serializeManifest(manifest()),
      serializeResult(result('1')),
      `${JSON.stringify({ extra: 1, ...JSON.parse(serializeResult(result('2'))) })}\n`,
      `${JSON.stringify({ ...JSON.parse(serializeResult(result('3'))), meta: ['CT'] })}\n`,
      `${JSON.stringify({ ...JSON.parse(serializeResult(result('4'))), status: 'parsed' })}\n`,
    ];
    const parsed = parseResultsJsonl(lines.join(''), 'x.jsonl');
    const results = parsed.runs[0]?.results ?? [];
    expect(results.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(results[1]).not.toHaveProperty('extra');
    expect(results[2]?.meta).toEqual({ 0: 'CT' });
    expect(parsed.problems).toEqual([
      { line: 5, message: expect.stringContaining('invalid result: status') as string },
    ]);
  });

  it('checkResult leaves its input alone; checkInPlace corrects the line it is given the same way', () => {
    const raw = { ...result('9', { letter: 'A', gold: 'B', correct: true }), latencyMs: -1 };
    const copy = structuredClone(raw);
    const checked = checkResult(raw);
    expect(raw).toEqual(copy);
    const inPlace = checkInPlace(copy);
    expect(copy).toEqual(checked.result);
    expect(copy).toMatchObject({ correct: false, latencyMs: null });
    expect(inPlace).toEqual({ recounted: checked.recounted, clamped: checked.clamped });
    expect(inPlace.clamped).toBe('item 9: implausible latencyMs -1 — stored as unknown');
  });
});
