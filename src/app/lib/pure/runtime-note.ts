// What the runtime note says, each warning once. The note used to add "Fell back to wasm." after a reason that
// already said so, and a reason built from several parts could carry the same warning twice (the f16 one).
// Sentences already shown are dropped.
import type { RuntimeInfo } from './plan-backend';

/** Sentence-ish pieces: split after ". " so a quoted error with colons stays whole. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=\.)\s+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const normal = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[.\s]+$/, '');

/** The notes in order, each distinct one once (compared without case, spacing or a final period). */
export function uniqueNotes(notes: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const note of notes) {
    const key = normal(note);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(note);
  }
  return out;
}

export interface RuntimeNoteText {
  /** The reason, with a repeated sentence shown once. */
  reason: string;
  /** Show the "Fell back to wasm." badge: only when the reason does not say it already. */
  fellBackBadge: boolean;
}

export function runtimeNoteText(runtime: RuntimeInfo): RuntimeNoteText {
  const reason = uniqueNotes(sentencesOf(runtime.reason)).join(' ');
  return { reason, fellBackBadge: runtime.fellBack && !/fell back to wasm/i.test(reason) };
}
