// The text worker in headless Chromium: a large file decoded off the page arrives in several blocks whose text is
// exactly the file's, multi-byte characters split between blocks included, without falling back to the page.
import { describe, expect, it } from 'vitest';
import { decodeOffThread } from '../../src/app/workers';

describe('text worker', () => {
  it('decodes a file larger than one block exactly, in blocks, in the worker', async () => {
    // 'é' (2 bytes), '€' (3) and '🩺' (4, a surrogate pair): with 7-byte pieces some fall on every block boundary.
    const piece = 'aé€🩺\n';
    const text = piece.repeat(1_000_000); // ~11 MB: several 2 MiB blocks
    const fallbacks: string[] = [];
    const blocks: string[] = [];
    for await (const block of decodeOffThread(new Blob([text]), (why) => fallbacks.push(why))) blocks.push(block);
    expect(fallbacks).toEqual([]);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.join('') === text).toBe(true);
  });

  it('stops the worker when the reader stops early', async () => {
    const blocks = decodeOffThread(new Blob(['x'.repeat(9_000_000)]), () => {});
    const first = await blocks.next();
    expect(first.done).toBe(false);
    expect(await blocks.return(undefined)).toEqual({ done: true, value: undefined });
  });
});
