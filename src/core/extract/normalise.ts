// Normalises an extracted answer string (protocol §3.3) and provides the canonical form used to
// compare answers with option texts. Inputs are length-capped by the callers; all loops are linear.

/** LaTeX commands whose argument is kept and whose wrapper is dropped. */
const UNWRAP = new Set([
  'text',
  'textbf',
  'textit',
  'textrm',
  'textsf',
  'texttt',
  'textup',
  'emph',
  'mathrm',
  'mathbf',
  'mathit',
  'mathsf',
  'mathtt',
  'boldsymbol',
  'operatorname',
  'mbox',
]);
/** Spacing commands that stand for a space. */
const SPACES = new Set([',', ';', ':', '!', ' ', 'quad', 'qquad']);

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** Drops `\text{…}`-like wrappers (any nesting) but keeps their contents and every other brace. */
export function unwrapLatex(s: string): string {
  let out = '';
  const stack: boolean[] = []; // true = the brace belongs to a dropped wrapper
  let i = 0;
  while (i < s.length) {
    const ch = s[i] ?? '';
    if (ch === '\\') {
      let j = i + 1;
      while (j < s.length && isAsciiLetter(s.charCodeAt(j))) j++;
      const name = j > i + 1 ? s.slice(i + 1, j) : s.slice(i + 1, i + 2);
      const end = j > i + 1 ? j : i + 2;
      if (UNWRAP.has(name)) {
        let k = end;
        while (s[k] === ' ') k++;
        if (s[k] === '{') {
          stack.push(true);
          i = k + 1;
          continue;
        }
        i = end;
        continue;
      }
      if (SPACES.has(name)) {
        out += ' ';
        i = end;
        continue;
      }
      if (name === '{' || name === '}' || name === '(' || name === ')' || name === '[' || name === ']') {
        // Escaped braces stay literal; \( \) \[ \] are math delimiters, dropped.
        if (name === '{' || name === '}') out += name;
        i = end;
        continue;
      }
      if (name === 'left' || name === 'right') {
        i = end;
        continue;
      }
      out += s.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '{') {
      stack.push(false);
      out += ch;
    } else if (ch === '}') {
      const dropped = stack.pop();
      if (dropped !== true) out += ch;
    } else if (ch === '~') {
      out += ' ';
    } else {
      out += ch;
    }
    i++;
  }
  return out;
}

const TRAILING_PUNCT = new Set([...' \t\r\n.,;:!?。，；：！？、']);
// "The final answer is", "Answer:", "答案是" …; anchored, no nested quantifiers.
const LEADING_ANSWER =
  /^(?:(?:the|my)\s+)?(?:(?:final|correct|best)\s+)?answer(?![a-z])(?:\s+is(?![a-z]))?\s*[:：=]?\s*|^(?:最终)?答案\s*(?:是|为)?\s*[:：]?\s*/i;
// "Option B", "Choice (C)": stripped only when a letter follows, so "Choice of antibiotic" survives.
const LEADING_OPTION = /^(?:option|choice|选项)\s*[:：]?\s*(?=\(?[A-Za-z](?![A-Za-z]))/i;
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['**', '**'],
  ['__', '__'],
  ['*', '*'],
  ['`', '`'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['（', '）'],
  ['【', '】'],
  ['「', '」'],
];

function stripTrailingPunct(s: string): string {
  let end = s.length;
  while (end > 0 && TRAILING_PUNCT.has(s[end - 1] ?? '')) end--;
  return s.slice(0, end);
}

/** True when the bracket opening at 0 is closed by the last character (not earlier). */
function enclosesWhole(s: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === open) depth++;
    else if (ch === close) {
      depth--;
      if (depth === 0) return i === s.length - 1;
    }
  }
  return false;
}

function stripPair(s: string): string {
  for (const [open, close] of PAIRS) {
    if (s.length < open.length + close.length || !s.startsWith(open) || !s.endsWith(close)) continue;
    if (open === close) {
      // "**A** and **B**" is not one emphasised answer: the delimiter must not occur inside.
      if (s.indexOf(open, open.length) !== s.length - close.length) continue;
    } else if (open.length === 1 && !enclosesWhole(s, open, close)) {
      continue;
    }
    return s.slice(open.length, s.length - close.length);
  }
  return s;
}

/** Protocol §3.3: strip `$`, unwrap LaTeX text wrappers, surrounding brackets/markdown, answer prefixes, trailing punctuation. */
export function normaliseAnswer(raw: string): string {
  let s = unwrapLatex(raw.normalize('NFKC')).replace(/\$/g, '');
  // Each round removes characters or stops, so this terminates; the cap bounds the work.
  for (let round = 0; round < 32; round++) {
    const before = s;
    s = stripTrailingPunct(s.trim()).trim();
    s = s.replace(LEADING_ANSWER, '').replace(LEADING_OPTION, '');
    s = stripPair(s.trim());
    if (s === before) break;
  }
  return s.replace(/\s+/g, ' ').trim();
}

/** Canonical comparison form: lower case, letters and digits only, single spaces. */
export function canonical(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether `needle` occurs in `haystack` as whole words (both already canonical). */
export function containsWords(haystack: string, needle: string): boolean {
  if (needle === '') return false;
  return ` ${haystack} `.includes(` ${needle} `);
}
