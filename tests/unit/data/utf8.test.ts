// Dataset text is strict UTF-8: a BOM is dropped, a file that really holds U+FFFD still reads, and a broken one
// fails naming the line and byte.
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../src/data/utf8';

describe('decodeUtf8', () => {
  it('decodes ASCII, multi-byte text and a BOM as the strict decoder does', () => {
    const text = '[{"question": "Which organ? 肝脏 — ok"}]';
    const bytes = new TextEncoder().encode(text);
    expect(decodeUtf8(bytes, 'a.json')).toBe(text);
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]), 'a.json')).toBe(text);
  });

  it('keeps a real U+FFFD (written as EF BF BD)', () => {
    const text = 'before \ufffd after';
    expect(decodeUtf8(new TextEncoder().encode(text), 'r.txt')).toBe(text);
  });

  it('fails on bytes that are not UTF-8, naming the file, line and byte, even beside a real U+FFFD', () => {
    const head = new TextEncoder().encode('line one \ufffd\nline two ');
    const bytes = new Uint8Array([...head, 0xe9, 0x41]); // Latin-1 'é' then 'A'
    let caught: unknown;
    try {
      decodeUtf8(bytes, 'b.json');
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({
      code: 'dataset/bad-encoding',
      message: expect.stringContaining(`'b.json' is not valid UTF-8 text (line 2, byte ${head.length})`),
    });
  });
});
