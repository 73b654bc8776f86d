// The text worker in headless Chromium: a large file's head decoded on the page and the rest off it arrive as blocks
// whose text is exactly the file's (multi-byte characters split between blocks, a U+FEFF that begins a line after
// the head), without falling back to the page.
import { describe, expect, it } from 'vitest';
import { decodeOffThread, HEAD_BYTES } from '../../src/app/workers';

async function decodeAll(blob: Blob): Promise<{ blocks: string[]; fallbacks: string[] }> {
  const fallbacks: string[] = [];
  const blocks: string[] = [];
  for await (const block of decodeOffThread(blob, (why) => fallbacks.push(why))) blocks.push(block);
  return { blocks, fallbacks };
}

describe('text worker', () => {
  it('decodes a file larger than the head exactly, in blocks, the rest in the worker', async () => {
    // 'é' (2 bytes), '€' (3) and '🩺' (4, a surrogate pair): with 11-byte lines some fall on every block boundary.
    const text = 'aé€🩺\n'.repeat(2_000_000); // 22 MB: the head, then several 2 MiB blocks
    const { blocks, fallbacks } = await decodeAll(new Blob([text]));
    expect(fallbacks).toEqual([]);
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.join('') === text).toBe(true);
  });

  it('drops the byte order mark at the start of the file only, not one beginning a line after the head', async () => {
    const line = `${'x'.repeat(1023)}\n`;
    // The head's last newline is the one before the U+FEFF: the next line runs past HEAD_BYTES.
    const head = line.repeat(HEAD_BYTES / 1024 - 1);
    const after = `\uFEFF{"after":"${'y'.repeat(5000)}"}\n`;
    const text = `${head}${after}${line.repeat(3000)}`;
    const { blocks, fallbacks } = await decodeAll(new Blob(['\uFEFF', text]));
    expect(fallbacks).toEqual([]);
    expect(blocks[0] === head).toBe(true);
    expect(blocks[1]?.startsWith('\uFEFF{"after"')).toBe(true);
    expect(blocks.join('') === text).toBe(true);
  });

  it('stops the worker when the reader stops early', async () => {
    const blocks = decodeOffThread(new Blob(['x\n'.repeat(9_000_000)]), () => {});
    expect((await blocks.next()).done).toBe(false);
    expect(await blocks.return(undefined)).toEqual({ done: true, value: undefined });
  });
});
