import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dataUri, imageDataUri, imageMimeOf, sniffImageMime, toBase64 } from '../../../../src/backends/shared/data-uri';
import { TINY_PNG } from '../openai/helpers';

describe('data URIs (shared by the openai and web-llm backends)', () => {
  it('base64 matches Node for every tail length', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n * 37 + (n % 3) }, (_, i) => (i * 131 + n) & 255);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('sniffs formats', async () => {
    expect(sniffImageMime(TINY_PNG)).toBe('image/png');
    const jpeg = new Uint8Array(
      await sharp({ create: { width: 8, height: 8, channels: 3, background: { r: 200, g: 30, b: 30 } } })
        .jpeg()
        .toBuffer(),
    );
    expect(sniffImageMime(jpeg)).toBe('image/jpeg');
    expect(sniffImageMime(new Uint8Array([1, 2, 3, 4]))).toBeNull();
  });

  it('turns image bytes into a data URI as they are, and refuses bytes that are no image', async () => {
    expect(await imageDataUri(TINY_PNG)).toBe(`data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`);
    expect(dataUri('image/gif', Uint8Array.of(1, 2, 3))).toBe('data:image/gif;base64,AQID');
    expect(() => imageMimeOf(new Uint8Array([1, 2, 3, 4]))).toThrow(
      expect.objectContaining({ code: 'dataset/bad-image' }),
    );
    await expect(imageDataUri(new Uint8Array([1, 2, 3, 4]))).rejects.toMatchObject({ code: 'dataset/bad-image' });
  });
});
