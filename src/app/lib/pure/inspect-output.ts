// A raw model output cut into what the inspector shows: think blocks (folded) and plain text, with the span the
// extractor read the answer from marked wherever it falls.
import type { AnswerSpan } from '../../../core/extract';

export interface OutputPiece {
  text: string;
  /** Inside the answer span. */
  marked: boolean;
}

export interface OutputBlock {
  kind: 'think' | 'text';
  pieces: OutputPiece[];
  /** Characters in the block (the think block's tags included). */
  length: number;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** [start, end, kind] ranges covering the whole output: `<think>…</think>` blocks and the text between them. */
function ranges(output: string): [number, number, OutputBlock['kind']][] {
  const out: [number, number, OutputBlock['kind']][] = [];
  let at = 0;
  // A `</think>` with no opening tag (chat templates that put `<think>` in the prompt) closes a block from the start.
  const firstOpen = output.indexOf(OPEN);
  const firstClose = output.indexOf(CLOSE);
  if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
    out.push([0, firstClose + CLOSE.length, 'think']);
    at = firstClose + CLOSE.length;
  }
  while (at < output.length) {
    const open = output.indexOf(OPEN, at);
    if (open < 0) break;
    if (open > at) out.push([at, open, 'text']);
    const close = output.indexOf(CLOSE, open + OPEN.length);
    const end = close < 0 ? output.length : close + CLOSE.length; // an unclosed block runs to the end
    out.push([open, end, 'think']);
    at = end;
  }
  if (at < output.length) out.push([at, output.length, 'text']);
  return out;
}

/** The output as blocks, each cut at the span's edges. */
export function outputBlocks(output: string, span: AnswerSpan | null): OutputBlock[] {
  return ranges(output).map(([start, end, kind]) => {
    const cuts = [start, end];
    if (span !== null) for (const c of [span.start, span.end]) if (c > start && c < end) cuts.push(c);
    cuts.sort((a, b) => a - b);
    const pieces: OutputPiece[] = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i] ?? start;
      const b = cuts[i + 1] ?? end;
      if (b > a) pieces.push({ text: output.slice(a, b), marked: span !== null && a >= span.start && b <= span.end });
    }
    return { kind, pieces, length: end - start };
  });
}
