// The synchronous SHA-256 against Node's crypto on the padding edges (55/56/63/64/65 bytes), Unicode and bytes.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexSync } from '../../../../src/core/classify/sha256';

const node = (x: string | Uint8Array): string => createHash('sha256').update(x).digest('hex');

describe('sha256HexSync', () => {
  it('matches the FIPS test vector and Node on every length around the block edges', () => {
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    for (let n = 0; n <= 200; n++) expect(sha256HexSync('x'.repeat(n)), `length ${n}`).toBe(node('x'.repeat(n)));
  });

  it('hashes UTF-8 text and bytes, and a long input after a short one', () => {
    const text = 'Ödem — 肺 ✓ '.repeat(50);
    expect(sha256HexSync(text)).toBe(node(text));
    const bytes = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff);
    expect(sha256HexSync(bytes)).toBe(node(bytes));
    expect(sha256HexSync('short')).toBe(node('short'));
  });
});
