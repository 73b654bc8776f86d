import { describe, expect, it } from 'vitest';
import { TORN_LAST_LINE, parsePredictionsJsonl, serializeManifest } from '../../../../src/core/results';
import { manifest } from './make-results';

describe('parsePredictionsJsonl', () => {
  it('reads {id, output} lines and turns numeric ids into strings', () => {
    const text = '{"id": 17, "output": "\\\\boxed{A}"}\n{"id": "q-2", "output": "B", "extra": 1}\n';
    const { predictions, problems } = parsePredictionsJsonl(text, 'p.jsonl');
    expect(problems).toEqual([]);
    expect(predictions).toEqual([
      { id: '17', output: '\\boxed{A}' },
      { id: 'q-2', output: 'B' },
    ]);
  });

  it('reports bad lines with their numbers and keeps the good ones', () => {
    const text =
      ['{"id": 1, "output": "A"}', '{"id": 2}', 'nope', '{"id": null, "output": "x"}', '{"id": 5, "output": "E"}'].join(
        '\n',
      ) + '\n';
    const { predictions, problems } = parsePredictionsJsonl(text, 'p.jsonl');
    expect(predictions.map((p) => p.id)).toEqual(['1', '5']);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(problems[0]?.message).toContain('output');
    expect(problems[1]?.message).toMatch(/^invalid JSON/);
  });

  it('lets a later duplicate win and reports it', () => {
    const { predictions, problems } = parsePredictionsJsonl(
      '{"id": 1, "output": "A"}\n{"id": "1", "output": "B"}\n',
      'p.jsonl',
    );
    expect(predictions).toEqual([{ id: '1', output: 'B' }]);
    expect(problems).toEqual([{ line: 2, message: 'duplicate id 1 (also on line 1): this later line wins' }]);
  });

  it('drops a torn last line and redirects a results file', () => {
    const torn = parsePredictionsJsonl('{"id": 1, "output": "A"}\n{"id": 2, "outp', 'p.jsonl');
    expect(torn.predictions).toHaveLength(1);
    expect(torn.problems).toEqual([{ line: 2, message: TORN_LAST_LINE }]);
    const results = parsePredictionsJsonl(serializeManifest(manifest()), 'r.jsonl');
    expect(results.predictions).toEqual([]);
    expect(results.problems[0]?.message).toContain('import the file as results');
  });

  it('reports an empty file', () => {
    expect(parsePredictionsJsonl('', 'e.jsonl').problems).toEqual([
      { line: 0, message: 'e.jsonl is empty: no predictions' },
    ]);
  });
});
