// Dataset text is UTF-8: a file that is not is reported with where it breaks, never decoded with U+FFFD in place
// of its bytes (a question or an answer silently changed would score against the wrong text).
import { EvalError } from '../core/errors';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (only called on failure). */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // overlongs and surrogates, which the decoder refuses too
    const c1 = bytes[i + 1] ?? 0;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return bytes.length;
}

/** The bytes as text; throws dataset/bad-encoding naming the file, the line and the byte offset where it breaks. */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return strict.decode(bytes);
  } catch (e) {
    const at = firstInvalid(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    throw new EvalError(
      'dataset/bad-encoding',
      `'${path}' is not valid UTF-8 text (line ${line}, byte ${at}): save it as UTF-8 (or get the original ` +
        `release again) and rerun.`,
      e,
    );
  }
}
