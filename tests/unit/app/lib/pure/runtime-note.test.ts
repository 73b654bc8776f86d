// A warning shown once is not repeated in the runtime note.
import { describe, expect, it } from 'vitest';
import { wasmFallback } from '../../../../../src/backends/transformers/runtime-choice';
import { runtimeNoteText, uniqueNotes } from '../../../../../src/app/lib/pure/runtime-note';

describe('runtime note', () => {
  it('keeps each note once, ignoring case, spacing and a final period', () => {
    expect(uniqueNotes(['Offline.', 'offline', 'CORS  blocked', 'CORS blocked.', ''])).toEqual([
      'Offline.',
      'CORS  blocked',
    ]);
  });

  it('after a fallback says "fell back" once: no badge after a reason that says it', () => {
    const choice = wasmFallback(['q4f16'], 'adapter lost');
    const text = runtimeNoteText({ ...choice, fellBack: true });
    expect(text.reason.match(/fell back to wasm/gi)).toHaveLength(1);
    expect(text.fellBackBadge).toBe(false);
    expect(text.reason.match(/Warning:/g)).toHaveLength(1);
  });

  it('drops a sentence the reason repeats, and shows the badge when the reason is silent', () => {
    const reason = 'Warning: f16 needs shader-f16. Running on wasm. Warning: f16 needs shader-f16.';
    const text = runtimeNoteText({ device: 'wasm', dtype: 'q4f16', reason, fellBack: true });
    expect(text.reason).toBe('Warning: f16 needs shader-f16. Running on wasm.');
    expect(text.fellBackBadge).toBe(true);
  });
});
