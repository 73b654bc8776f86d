// Line splitting shared by the results and predictions readers: text arrives in chunks of any size (a whole file,
// or a stream read piece by piece), so no file is ever one string. 1-based line numbers, CRLF tolerated, a BOM
// dropped, one overlong line skipped instead of exhausting memory, and the "torn last line" rule for files whose
// writer was interrupted mid-line.

export interface JsonlProblem {
  /** 1-based line number; 0 for a problem with the whole file. */
  line: number;
  message: string;
}

export type JsonlLine = { line: number; kind: 'json'; value: unknown } | { line: number; kind: 'bad'; message: string };

export const TORN_LAST_LINE = 'torn last line (interrupted write) — dropped';

/**
 * The longest line read (in UTF-16 code units): far above any real result line (an output is capped at generation)
 * and far below V8's ~512 MiB string limit, so one runaway line is skipped and reported, not a crash.
 */
export const MAX_LINE_CHARS = 64 * 1024 * 1024;

export interface JsonlReaderOptions {
  maxLineChars?: number;
}

/** Feeds chunks in, calls `onLine` for each non-blank line as soon as it is complete. */
export interface JsonlReader {
  push(chunk: string): void;
  /** Flushes the last line; returns the torn-line problem, if the file ended mid-line. */
  end(): JsonlProblem | null;
  /** Non-blank lines seen so far (parsed or not, torn included). */
  readonly lineCount: number;
}

export function createJsonlReader(onLine: (entry: JsonlLine) => void, opts: JsonlReaderOptions = {}): JsonlReader {
  const maxChars = opts.maxLineChars ?? MAX_LINE_CHARS;
  let carry = '';
  let lineNo = 0;
  let started = false;
  /** Characters of the current line dropped so far because it is over the limit; 0 while it is not. */
  let overlong = 0;
  let count = 0;

  const emit = (text: string, terminated: boolean): JsonlProblem | null => {
    lineNo += 1;
    const lineText = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (overlong > 0 || text.length > maxChars) {
      const chars = overlong + text.length;
      overlong = 0;
      count += 1;
      onLine({
        line: lineNo,
        kind: 'bad',
        message: `line of ${formatChars(chars)} is longer than the ${formatChars(maxChars)} a line may have — skipped`,
      });
      return null;
    }
    if (lineText.trim() === '') return null;
    count += 1;
    try {
      onLine({ line: lineNo, kind: 'json', value: JSON.parse(lineText) as unknown });
    } catch (e) {
      if (!terminated) return { line: lineNo, message: TORN_LAST_LINE };
      onLine({ line: lineNo, kind: 'bad', message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
    return null;
  };

  return {
    push(chunk) {
      let text = chunk;
      if (!started && text.length > 0) {
        started = true;
        if (text.startsWith('\uFEFF')) text = text.slice(1);
      }
      let from = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
        const piece = text.slice(from, nl);
        const line = carry === '' ? piece : carry + piece;
        carry = '';
        emit(line, true);
        from = nl + 1;
      }
      const rest = text.slice(from);
      if (overlong > 0) overlong += rest.length;
      else if (carry.length + rest.length > maxChars) {
        overlong = carry.length + rest.length;
        carry = '';
      } else carry += rest;
    },
    end() {
      if (carry === '' && overlong === 0) return null;
      const last = carry;
      carry = '';
      return emit(last, false);
    },
    get lineCount() {
      return count;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatChars(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} M characters` : `${n} characters`;
}
