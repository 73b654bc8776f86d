// A safe parser for the Python list literals MMMU stores as strings ("['a', \"b's\"]"), never eval.
// Accepts string literals (single or double quotes, optional r/u prefix, Python escapes) and bare numbers.

export type ParseListResult = { ok: true; values: string[] } | { ok: false; error: string };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
}

function isHex(text: string): boolean {
  if (text.length === 0) return false;
  for (const ch of text) if (!'0123456789abcdefABCDEF'.includes(ch)) return false;
  return true;
}

export function parsePythonList(input: string): ParseListResult {
  let i = 0;
  const n = input.length;
  const skip = (): void => {
    while (i < n && isSpace(input.charAt(i))) i++;
  };
  const fail = (what: string): ParseListResult => ({ ok: false, error: `${what} at position ${i}` });

  skip();
  if (input.charAt(i) !== '[') return fail("expected '['");
  i++;
  const values: string[] = [];
  for (;;) {
    skip();
    if (i >= n) return fail("unterminated list, expected ']'");
    if (input.charAt(i) === ']') {
      i++;
      break;
    }
    let ch = input.charAt(i);
    let raw = false;
    if (
      (ch === 'r' || ch === 'R' || ch === 'u' || ch === 'U') &&
      (input.charAt(i + 1) === "'" || input.charAt(i + 1) === '"')
    ) {
      raw = ch === 'r' || ch === 'R';
      i++;
      ch = input.charAt(i);
    }
    if (ch === "'" || ch === '"') {
      const quote = ch;
      i++;
      let out = '';
      let closed = false;
      while (i < n) {
        const c = input.charAt(i);
        if (c === quote) {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < n) {
          const e = input.charAt(i + 1);
          if (raw) {
            out += c + e;
            i += 2;
            continue;
          }
          if (e === '\n') {
            i += 2;
            continue;
          }
          const simple = SIMPLE_ESCAPES[e];
          if (simple !== undefined) {
            out += simple;
            i += 2;
            continue;
          }
          const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
          const hex = input.slice(i + 2, i + 2 + width);
          if (width > 0 && hex.length === width && isHex(hex)) {
            const code = parseInt(hex, 16);
            if (code > 0x10ffff) return fail('escape out of range');
            out += String.fromCodePoint(code);
            i += 2 + width;
            continue;
          }
          // Python keeps unknown escapes verbatim ("\d" stays "\d").
          out += c + e;
          i += 2;
          continue;
        }
        out += c;
        i++;
      }
      if (!closed) return fail('unterminated string');
      values.push(out);
    } else {
      // Bare number (str() of a list of numbers).
      const start = i;
      while (i < n && '+-.0123456789eE'.includes(input.charAt(i))) i++;
      const token = input.slice(start, i);
      if (token === '' || !Number.isFinite(Number(token))) return fail('expected a string literal');
      values.push(token);
    }
    skip();
    const sep = input.charAt(i);
    if (sep === ',') {
      i++;
      continue;
    }
    if (sep === ']') {
      i++;
      break;
    }
    return fail("expected ',' or ']'");
  }
  skip();
  if (i !== n) return fail('unexpected text after the list');
  return { ok: true, values };
}
