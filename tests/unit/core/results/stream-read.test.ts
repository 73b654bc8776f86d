// Results files read in chunks of any size give exactly what reading them whole gives; an overlong line is one
// problem, not a crash; problem lists stay capped whatever the file holds.
import { describe, expect, it } from 'vitest';
import {
  KEPT_PROBLEMS,
  TORN_LAST_LINE,
  createPredictionsReader,
  createResultsReader,
  formatProblems,
  parseResultsJsonl,
  serializeManifest,
  serializeResult,
  type ParsedResults,
} from '../../../../src/core/results';
import { ProblemLog } from '../../../../src/core/results/problems';
import { manifest, result } from './make-results';

const M = serializeManifest(manifest());
const r = (id: string, over = {}): string => serializeResult(result(id, over));

function readInChunks(text: string, size: number, name = 'x.jsonl'): ParsedResults {
  const reader = createResultsReader(name);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size));
  return reader.end();
}

describe('createResultsReader: chunked reading', () => {
  const text =
    '\uFEFF' +
    M.replace('\n', '\r\n') +
    r('1', { output: 'é ü 漢字 \\boxed{A}' }) +
    '\n{not json\n' +
    r('2', { correct: false }) +
    r('1', { output: 'retried' }) +
    r('3').slice(0, 50);

  it.each([1, 2, 7, 64, 1000, 1_000_000])('chunks of %i characters give the same runs and problems', (size) => {
    const whole = parseResultsJsonl(text, 'x.jsonl');
    expect(whole.problems.map((p) => p.line)).toEqual([4, 7]);
    expect(whole.problems[1]?.message).toBe(TORN_LAST_LINE);
    expect(whole.duplicates).toBe(1);
    expect(readInChunks(text, size)).toEqual(whole);
  });

  it('peeks at the runs read so far, the open one included, without changing what end() gives', () => {
    const reader = createResultsReader('x.jsonl');
    expect(reader.peek()).toEqual([]);
    reader.push(M + r('1') + r('2'));
    const first = reader.peek();
    expect(first.map((run) => run.results.map((x) => x.id))).toEqual([['1', '2']]);
    const other = serializeManifest(manifest({ model: 'lingshu-7b' })) + r('4', { model: 'lingshu-7b' });
    reader.push(r('3') + other);
    // The earlier look is a copy: later lines do not change it.
    expect(first[0]?.results).toHaveLength(2);
    expect(reader.peek().map((run) => [run.manifest.model, run.results.length])).toEqual([
      ['qwen2.5-vl-3b', 3],
      ['lingshu-7b', 1],
    ]);
    const whole = parseResultsJsonl(M + r('1') + r('2') + r('3') + other, 'x.jsonl');
    expect(reader.end()).toEqual(whole);
  });

  it('skips a line longer than the limit as one problem and reads the lines after it', () => {
    const long = `{"type":"result","output":"${'x'.repeat(5000)}"}\n`;
    const reader = createResultsReader('x.jsonl', { maxLineChars: 1000 });
    const all = M + r('1') + long + r('2');
    for (let i = 0; i < all.length; i += 33) reader.push(all.slice(i, i + 33));
    const parsed = reader.end();
    expect(parsed.problems).toHaveLength(1);
    expect(parsed.problems[0]?.line).toBe(3);
    expect(parsed.problems[0]?.message).toMatch(
      /^line of \d+ characters is longer than the 1000 characters .* skipped$/,
    );
    expect(parsed.runs[0]?.results.map((x) => x.id)).toEqual(['1', '2']);
  });

  it('an overlong unterminated last line is reported too, and the same limit applies to a whole text', () => {
    const reader = createResultsReader('x.jsonl', { maxLineChars: 1000 });
    reader.push(M);
    reader.push('y'.repeat(800));
    reader.push('y'.repeat(800));
    expect(reader.end().problems.map((p) => p.line)).toEqual([2]);
    const whole = createResultsReader('x.jsonl', { maxLineChars: 1000 });
    whole.push(`${M}${'z'.repeat(3000)}\n${r('1')}`);
    const parsed = whole.end();
    expect(parsed.problems[0]?.message).toContain('3000 characters');
    expect(parsed.runs[0]?.results).toHaveLength(1);
  });

  it('keeps only the first problems of a file with 100,000 bad lines, and counts them all', () => {
    const bad = '{nope\n'.repeat(100_000);
    const parsed = parseResultsJsonl(M + bad + r('1'), 'x.jsonl');
    expect(parsed.problemCount).toBe(100_000);
    expect(parsed.problems).toHaveLength(KEPT_PROBLEMS);
    expect(parsed.problems[0]?.line).toBe(2);
    expect(parsed.problems.at(-1)?.line).toBe(KEPT_PROBLEMS + 1);
    expect(parsed.runs[0]?.results).toHaveLength(1);
  });

  it('streams predictions the same way', () => {
    const text = '{"id": 1, "output": "A"}\n{"id": 2, "out';
    const reader = createPredictionsReader('p.jsonl');
    for (const ch of text) reader.push(ch);
    const parsed = reader.end();
    expect(parsed.predictions).toEqual([{ id: '1', output: 'A' }]);
    expect(parsed.problems).toEqual([{ line: 2, message: TORN_LAST_LINE }]);
    expect(parsed.problemCount).toBe(1);
  });
});

describe('ProblemLog and formatProblems', () => {
  it('keeps the lowest line numbers whatever order problems arrive in', () => {
    const log = new ProblemLog(3);
    for (const line of [9, 4, 7, 1, 8, 2, 2]) log.add({ line, message: `m${line}` });
    expect(log.list()).toEqual({
      total: 7,
      shown: [
        { line: 1, message: 'm1' },
        { line: 2, message: 'm2' },
        { line: 2, message: 'm2' },
      ],
    });
  });

  it('prints the first 20 and says how many more', () => {
    const problems = Array.from({ length: 100 }, (_, i) => ({ line: i + 1, message: 'bad' }));
    const lines = formatProblems('f.jsonl', problems, 5000);
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('f.jsonl:1: bad');
    expect(lines[20]).toBe('f.jsonl: … and 4980 more (first 20 shown)');
    expect(formatProblems('f.jsonl', problems.slice(0, 3), 3)).toHaveLength(3);
  });
});
