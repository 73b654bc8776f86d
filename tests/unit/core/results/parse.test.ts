import { describe, expect, it } from 'vitest';
import { TORN_LAST_LINE, parseResultsJsonl, serializeManifest, serializeResult } from '../../../../src/core/results';
import { RESULTS_FORMAT_VERSION } from '../../../../src/core/types';
import { manifest, result } from './make-results';

const M = serializeManifest(manifest());
const r = (id: string, over = {}): string => serializeResult(result(id, over));

/** Joins lines that already end with "\n"; plain strings get one added. */
function file(...lines: string[]): string {
  return lines.map((l) => (l.endsWith('\n') ? l : `${l}\n`)).join('');
}

describe('parseResultsJsonl: well-formed files', () => {
  it('reads several runs, each starting at its manifest', () => {
    const m2 = serializeManifest(manifest({ model: 'lingshu-7b' }));
    const text = file(M, r('1'), r('2'), m2, r('1', { model: 'lingshu-7b' }));
    const { runs, problems, duplicates } = parseResultsJsonl(text, 'runs.jsonl');
    expect(problems).toEqual([]);
    expect(duplicates).toBe(0);
    expect(runs.map((x) => [x.manifest.model, x.results.map((y) => y.id)])).toEqual([
      ['qwen2.5-vl-3b', ['1', '2']],
      ['lingshu-7b', ['1']],
    ]);
  });

  it('accepts a manifest-only run, CRLF line ends, blank lines, a BOM and a complete last line without newline', () => {
    const text = `\uFEFF${M.replace('\n', '\r\n')}\r\n\n${r('1').replace('\n', '')}`;
    const { runs, problems } = parseResultsJsonl(text, 'x.jsonl');
    expect(problems).toEqual([]);
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['1']);
    expect(parseResultsJsonl(M, 'm.jsonl').runs[0]?.results).toEqual([]);
  });

  it('lets the later line win for a duplicate id and counts it', () => {
    const text = file(
      M,
      r('1', { correct: false }),
      r('2'),
      r('1', { correct: true }),
      r('1', { correct: true, output: 'third' }),
    );
    const { runs, duplicates, problems } = parseResultsJsonl(text, 'x.jsonl');
    expect(problems).toEqual([]);
    expect(duplicates).toBe(2);
    expect(runs[0]?.results.map((x) => [x.id, x.output])).toEqual([
      ['1', 'third'],
      ['2', result('2').output],
    ]);
  });

  it('does not count the same id in two different runs as a duplicate', () => {
    const text = file(M, r('1'), M, r('1'));
    expect(parseResultsJsonl(text, 'x.jsonl').duplicates).toBe(0);
  });
});

describe('parseResultsJsonl: problems, with line numbers, never aborting', () => {
  it('reports invalid JSON, non-objects and unknown line types at their lines', () => {
    const text = file(M, r('1'), '{not json', '[1,2]', '{"type":"summary"}', r('2'));
    const { runs, problems } = parseResultsJsonl(text, 'x.jsonl');
    expect(problems.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problems[0]?.message).toMatch(/^invalid JSON/);
    expect(problems[1]?.message).toBe('not a JSON object');
    expect(problems[2]?.message).toContain('"summary"');
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['1', '2']);
  });

  it('names the bad field of an invalid result and keeps the rest', () => {
    const bad = JSON.stringify({ ...result('9'), status: 'guessed' });
    const badCorrect = JSON.stringify({ ...result('10'), correct: 'yes' });
    const { runs, problems } = parseResultsJsonl(file(M, bad, r('1'), badCorrect), 'x.jsonl');
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]?.message).toMatch(/^invalid result: status/);
    expect(problems[1]).toMatchObject({ line: 4 });
    expect(problems[1]?.message).toMatch(/correct/);
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['1']);
  });

  it('reports results before any manifest as one block with its lines', () => {
    const { runs, problems } = parseResultsJsonl(file(r('1'), r('2'), r('3'), M, r('4')), 'x.jsonl');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(1);
    expect(problems[0]?.message).toContain('3 result line(s) (lines 1–3)');
    expect(problems[0]?.message).toContain('before any manifest');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['4']);
  });

  it('rejects a newer formatVersion with a message saying to upgrade, skips its results, reads the next run', () => {
    const newer = serializeManifest(manifest({ formatVersion: RESULTS_FORMAT_VERSION + 1 }));
    const { runs, problems } = parseResultsJsonl(file(M, r('1'), newer, r('2'), r('3'), M, r('4')), 'x.jsonl');
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(problems[0]?.message).toContain(`version ${RESULTS_FORMAT_VERSION + 1} is newer`);
    expect(problems[0]?.message).toMatch(/upgrade/);
    expect(problems[1]?.message).toContain('rejected manifest on line 3');
    expect(problems[1]?.message).toContain('lines 4–5');
    expect(runs.map((x) => x.results.map((y) => y.id))).toEqual([['1'], ['4']]);
  });

  it('rejects an invalid manifest naming the field', () => {
    const bad = JSON.stringify({ ...manifest(), benchmark: 'vqarad' });
    const { runs, problems } = parseResultsJsonl(file(bad, r('1')), 'x.jsonl');
    expect(runs).toEqual([]);
    expect(problems[0]).toMatchObject({ line: 1 });
    expect(problems[0]?.message).toMatch(/^invalid manifest: benchmark/);
    expect(problems[1]?.message).toContain('rejected manifest on line 1');
  });

  it('skips a result whose model/benchmark/variant differ from its manifest', () => {
    const { runs, problems } = parseResultsJsonl(file(M, r('1', { model: 'lingshu-7b' }), r('2')), 'x.jsonl');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.message).toContain('lingshu-7b');
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['2']);
  });

  it('points a predictions line to the predictions import', () => {
    const { problems } = parseResultsJsonl(file(M, '{"id": 3, "output": "\\\\boxed{A}"}'), 'x.jsonl');
    expect(problems[0]).toMatchObject({ line: 2 });
    expect(problems[0]?.message).toContain('import it as predictions');
  });

  it('drops a torn last line (no newline, invalid JSON) and says so', () => {
    const torn = r('3').slice(0, 40);
    const { runs, problems } = parseResultsJsonl(`${M}${r('1')}${r('2')}${torn}`, 'x.jsonl');
    expect(problems).toEqual([{ line: 4, message: TORN_LAST_LINE }]);
    expect(TORN_LAST_LINE).toBe('torn last line (interrupted write) — dropped');
    expect(runs[0]?.results.map((x) => x.id)).toEqual(['1', '2']);
  });

  it('calls the same broken line invalid JSON, not torn, when it ends with a newline', () => {
    const { problems } = parseResultsJsonl(`${M}${r('3').slice(0, 40)}\n`, 'x.jsonl');
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.message).toMatch(/^invalid JSON/);
  });

  it('reports an empty file by name', () => {
    const { runs, problems } = parseResultsJsonl('\n  \n', 'empty.jsonl');
    expect(runs).toEqual([]);
    expect(problems).toEqual([{ line: 0, message: 'empty.jsonl is empty: no manifest line' }]);
  });
});
