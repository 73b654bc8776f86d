import { describe, expect, it } from 'vitest';
import { buildManifest, parseResultsJsonl, serializeManifest, serializeResult } from '../../../../src/core/results';
import { RESULTS_FORMAT_VERSION } from '../../../../src/core/types';
import type { ItemResult, RunManifest } from '../../../../src/core/types';
import { manifest, result } from './make-results';

/** The same object with its keys inserted in reverse order. */
function reversedKeys<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).reverse()) as T;
}

describe('serializeManifest / serializeResult', () => {
  it('writes exactly one newline-terminated line, even when the output holds newlines', () => {
    const r = result('1', { output: 'line one\nline two\r\n\\boxed{A}' });
    const line = serializeResult(r);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(/[\r\n]/);
    expect(serializeManifest(manifest()).split('\n')).toHaveLength(2);
  });

  it('gives the same bytes whatever the key insertion order (meta keys sorted too)', () => {
    const r = result('7', {
      meta: { subject: 'chest', answer_type: 'CLOSED', qid: 12 },
      error: { code: 'backend/x', message: 'm' },
    });
    const shuffled: ItemResult = { ...reversedKeys(r), meta: { qid: 12, answer_type: 'CLOSED', subject: 'chest' } };
    expect(serializeResult(shuffled)).toBe(serializeResult(r));
    const m = manifest({
      endpoints: ['http://a'],
      updatedAt: '2025-01-02T00:00:00.000Z',
      generation: { maxPixels: 1000, temperature: 0, maxNewTokens: 10 },
    });
    expect(serializeManifest(reversedKeys(m))).toBe(serializeManifest(m));
    expect(Object.keys(JSON.parse(serializeResult(r)) as object).slice(0, 3)).toEqual(['type', 'id', 'benchmark']);
    expect(Object.keys((JSON.parse(serializeResult(r)) as { meta: object }).meta)).toEqual([
      'answer_type',
      'qid',
      'subject',
    ]);
  });

  it('leaves optional fields out when undefined', () => {
    const line = serializeResult(result('1'));
    expect(line).not.toContain('"error"');
    expect(line).not.toContain('"meta"');
    expect(serializeManifest(manifest())).not.toContain('updatedAt');
  });

  it('round-trips through parseResultsJsonl unchanged', () => {
    const m: RunManifest = manifest({
      endpoints: ['http://gpu:8000/v1'],
      generation: { maxNewTokens: 512, temperature: 0, maxPixels: 1_003_520 },
    });
    const rs = [
      result('a', {
        meta: { modality: 'CT', year: 2019, open: false, note: null },
        tag: 'reasoning',
        tagSource: 'gme',
      }),
      result('b', { correct: false, status: 'ambiguous', letter: null, extracted: 'A or B', truncated: true }),
      result('c', {
        error: { code: 'backend/timeout', message: 'timed out' },
        latencyMs: null,
        promptTokens: null,
        completionTokens: null,
        output: '',
      }),
    ];
    const text = serializeManifest(m) + rs.map(serializeResult).join('');
    const parsed = parseResultsJsonl(text, 'x.jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.runs).toHaveLength(1);
    expect(parsed.runs[0]?.manifest).toEqual(m);
    expect(parsed.runs[0]?.results).toEqual(rs);
    const again =
      serializeManifest(parsed.runs[0]?.manifest ?? m) + (parsed.runs[0]?.results ?? []).map(serializeResult).join('');
    expect(again).toBe(text);
  });
});

describe('buildManifest', () => {
  it('fills type, the current formatVersion and createdAt', () => {
    const before = Date.now();
    const { createdAt: _unused, ...fields } = manifest();
    const { type: _t, formatVersion: _f, ...rest } = fields;
    const built = buildManifest(rest);
    expect(built.type).toBe('manifest');
    expect(built.formatVersion).toBe(RESULTS_FORMAT_VERSION);
    const t = Date.parse(built.createdAt);
    expect(t).toBeGreaterThanOrEqual(before - 1);
    expect(t).toBeLessThanOrEqual(Date.now() + 1);
    expect(built.createdAt).toBe(new Date(t).toISOString());
  });
  it('keeps a given createdAt', () => {
    const { type: _t, formatVersion: _f, ...rest } = manifest();
    expect(buildManifest({ ...rest, createdAt: '2024-05-05T05:05:05.000Z' }).createdAt).toBe(
      '2024-05-05T05:05:05.000Z',
    );
  });
});
