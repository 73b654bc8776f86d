// One list of extraction statuses: the type, the results schema and the parse-failure count all follow it.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { EXTRACT_STATUSES, EXTRACT_STATUS_CATALOGUE, PARSED_STATUSES } from '../../../../src/core/extract';
import { ResultSchema } from '../../../../src/core/results/schema';
import { summarize } from '../../../../src/core/score';
import { result } from '../results/make-results';

describe('extraction statuses', () => {
  it('lists each status once, frozen, with a meaning', () => {
    expect(EXTRACT_STATUSES).toEqual([
      'boxed',
      'tagged',
      'answer-line',
      'bare',
      'no_answer',
      'ambiguous',
      'truncated',
      'unmatched',
      'missing',
    ]);
    expect(new Set(EXTRACT_STATUSES).size).toBe(EXTRACT_STATUSES.length);
    expect(Object.isFrozen(EXTRACT_STATUS_CATALOGUE) && Object.isFrozen(EXTRACT_STATUSES)).toBe(true);
    for (const entry of EXTRACT_STATUS_CATALOGUE) {
      expect(Object.isFrozen(entry)).toBe(true);
      expect(entry.meaning.length).toBeGreaterThan(5);
    }
  });

  it('counts as parsed exactly the statuses that map an answer to a letter', () => {
    expect([...PARSED_STATUSES]).toEqual(['boxed', 'tagged', 'answer-line', 'bare']);
  });

  it('the results schema accepts every status and nothing else', () => {
    for (const status of EXTRACT_STATUSES)
      expect(v.safeParse(ResultSchema, result('1', { status })).success).toBe(true);
    expect(v.safeParse(ResultSchema, { ...result('1'), status: 'parsed' }).success).toBe(false);
  });

  it('summaries count every status, and a parse failure for each unparsed one that had an output', () => {
    const results = EXTRACT_STATUSES.map((status, i) => result(String(i), { status, correct: false }));
    const s = summarize(results);
    expect(Object.keys(s.statuses)).toEqual([...EXTRACT_STATUSES]);
    for (const status of EXTRACT_STATUSES) expect(s.statuses[status]).toBe(1);
    // `missing` is unparsed but had no output to parse: counted wrong and as missing, not as a parse failure.
    expect(s.missing).toBe(1);
    expect(s.parseFailureRate).toBeCloseTo(
      (EXTRACT_STATUSES.length - PARSED_STATUSES.size - 1) / EXTRACT_STATUSES.length,
    );
  });
});
