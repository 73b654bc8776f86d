// Finds the answer region (after the last </think>) and the last \boxed{…} / \fbox{…} in it.
// Linear time on any input: a backtracking-free search for the last opening, then a hand-written
// brace matcher (depth counted, escaped braces skipped).

/** Longest box content that is still treated as an answer; longer contents are reported, not mapped. */
export const MAX_BOX_CHARS = 1000;

const THINK_CLOSE = '</think>';

export type BoxScan = { kind: 'none' } | { kind: 'truncated' } | { kind: 'box'; content: string };
/** Where the last box is: its content's [start, end) for a box, the content's start for a truncated one. */
export type BoxAt =
  { kind: 'none' } | { kind: 'truncated'; start: number } | { kind: 'box'; start: number; end: number };

/** Index in `output` where the answer region starts (after the last `</think>`, else 0). */
export function answerRegionStart(output: string): number {
  const at = output.lastIndexOf(THINK_CLOSE);
  return at < 0 ? 0 : at + THINK_CLOSE.length;
}

/** The text the answer is read from: after the last `</think>` when there is one, else all of it. */
export function answerRegion(output: string): string {
  return output.slice(answerRegionStart(output));
}

// Linear: a literal backslash starts each attempt, and box openings never overlap.
const BOX_OPENING = /\\(?:boxed|fbox)\s*\{/g;
const FIRST_WINDOW_CHARS = 4096;

/** Index of the `{` of the last box command in `text` that is followed by one; -1 when none. */
function lastBoxBrace(text: string): number {
  // Search windows growing from the end: the answer is almost always near it, and the total work
  // stays linear (each window is four times the last). Openings never overlap, so the last one
  // found in a window is the last one in the text.
  for (let width = FIRST_WINDOW_CHARS; ; width *= 4) {
    const from = Math.max(0, text.length - width);
    BOX_OPENING.lastIndex = from;
    let last = -1;
    while (BOX_OPENING.test(text)) last = BOX_OPENING.lastIndex - 1;
    if (last >= 0 || from === 0) return last;
  }
}

/** Index of the `}` closing the group opened at `open`, or -1 when the text ends first. */
export function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      i++; // an escaped character (\{, \}, \\) never changes the depth
    } else if (c === 123 /* { */) {
      depth++;
    } else if (c === 125 /* } */) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Where the last box in `text` is; unbalanced braces (an output cut off inside the box) give 'truncated'. */
export function locateLastBox(text: string): BoxAt {
  const brace = lastBoxBrace(text);
  if (brace < 0) return { kind: 'none' };
  const close = matchingBrace(text, brace);
  if (close < 0) return { kind: 'truncated', start: brace + 1 };
  return { kind: 'box', start: brace + 1, end: close };
}

/** The last box in `text`; unbalanced braces (an output cut off inside the box) give 'truncated'. */
export function findLastBox(text: string): BoxScan {
  const at = locateLastBox(text);
  if (at.kind === 'none') return { kind: 'none' };
  if (at.kind === 'truncated') return { kind: 'truncated' };
  return { kind: 'box', content: text.slice(at.start, at.end) };
}
