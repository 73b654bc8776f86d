import { describe, expect, it } from 'vitest';
import { parsePythonList } from '../../../../src/core/benchmarks/python-list';

describe('parsePythonList (never eval)', () => {
  const ok: [string, string[]][] = [
    ['[]', []],
    ["['a', 'b']", ['a', 'b']],
    [`["It's", 'say "hi"']`, ["It's", 'say "hi"']],
    ["['a, b', 'c']", ['a, b', 'c']],
    ["['it\\'s', \"q\\\"q\", 'back\\\\slash']", ["it's", 'q"q', 'back\\slash']],
    ["['line\\nbreak', 'tab\\t']", ['line\nbreak', 'tab\t']],
    ["['\\u00b5g', '\\xb0C', '\\U0001F600']", ['µg', '°C', '😀']],
    ["['\\d unknown escape']", ['\\d unknown escape']],
    ["[r'raw\\n', u'uni']", ['raw\\n', 'uni']],
    ["  [ 'spaces' ,  'trailing comma', ]  ", ['spaces', 'trailing comma']],
    ['[1, 2.5, -3]', ['1', '2.5', '-3']],
    ["['<image 1>', '$\\\\frac{1}{2}$']", ['<image 1>', '$\\frac{1}{2}$']],
  ];
  it.each(ok)('%s', (input, values) => {
    expect(parsePythonList(input)).toEqual({ ok: true, values });
  });

  const bad = [
    "['a'",
    "['a', , 'b']",
    "'a', 'b'",
    "['a'] + ['b']",
    "[__import__('os')]",
    "['unterminated]",
    '[None]',
    "['x'] trailing",
    '',
  ];
  it.each(bad)('rejects %s', (input) => {
    expect(parsePythonList(input).ok).toBe(false);
  });
});
