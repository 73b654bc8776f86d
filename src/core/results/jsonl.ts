// Line splitting shared by the results and predictions readers: 1-based line numbers, CRLF tolerated,
// and the "torn last line" rule for files whose writer was interrupted mid-line.

export interface JsonlProblem {
  /** 1-based line number; 0 for a problem with the whole file. */
  line: number;
  message: string;
}

export type JsonlLine = { line: number; kind: 'json'; value: unknown } | { line: number; kind: 'bad'; message: string };

export const TORN_LAST_LINE = 'torn last line (interrupted write) — dropped';

/** Parses each non-blank line as JSON; a final line without newline that is not valid JSON is torn, not bad. */
export function readJsonLines(text: string): { lines: JsonlLine[]; torn: JsonlProblem | null } {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const raw = body.split('\n');
  const endsWithNewline = body.endsWith('\n');
  const lines: JsonlLine[] = [];
  let torn: JsonlProblem | null = null;
  raw.forEach((rawLine, index) => {
    const lineText = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (lineText.trim() === '') return;
    const line = index + 1;
    const isLast = index === raw.length - 1;
    try {
      lines.push({ line, kind: 'json', value: JSON.parse(lineText) as unknown });
    } catch (e) {
      if (isLast && !endsWithNewline) torn = { line, message: TORN_LAST_LINE };
      else lines.push({ line, kind: 'bad', message: `invalid JSON: ${e instanceof Error ? e.message : String(e)}` });
    }
  });
  return { lines, torn };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
