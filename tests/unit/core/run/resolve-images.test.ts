// The one place a missing or unreadable image is caught: the item step's resolveImages. Backends receive
// ResolvedImages (bytes by type), so none of them checks again.
import { describe, expect, it } from 'vitest';
import { resolveImages } from '../../../../src/core/run';
import type { ContentPart, GenerateRequest, PromptMessage } from '../../../../src/core/types';
import { createMemorySource } from '../../../../src/data/memory';
import { PNG_1PX } from './fixtures';

const prompt = (...images: { path: string; present: boolean; bytes?: Uint8Array }[]): PromptMessage[] => [
  {
    role: 'user',
    content: [...images.map((image) => ({ type: 'image' as const, image })), { type: 'text', text: 'Q?' }],
  },
];

describe('resolveImages', () => {
  it('gives every image its bytes, inline or read from the source, in prompt order', async () => {
    const fromFile = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46); // a JPEG's first bytes
    const source = createMemorySource({ 'img/a.png': fromFile });
    const messages = await resolveImages(
      prompt({ path: 'inline#1', present: true, bytes: PNG_1PX }, { path: 'img/a.png', present: true }),
      source,
    );
    expect(messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', image: { path: 'inline#1', bytes: PNG_1PX } },
          { type: 'image', image: { path: 'img/a.png', bytes: fromFile } },
          { type: 'text', text: 'Q?' },
        ],
      },
    ]);
  });

  it('refuses an image missing at load time with dataset/missing-image', async () => {
    await expect(
      resolveImages(prompt({ path: 'img/gone.png', present: false }), createMemorySource({})),
    ).rejects.toMatchObject({
      code: 'dataset/missing-image',
      message: expect.stringContaining('img/gone.png'),
    });
  });

  it('refuses a file-backed image when the run has no source, and says which', async () => {
    await expect(resolveImages(prompt({ path: 'img/a.png', present: true }), undefined)).rejects.toMatchObject({
      code: 'dataset/missing-image',
      message: expect.stringContaining('no dataset source'),
    });
  });

  it('reports an image the source cannot read as dataset/image-unreadable', async () => {
    await expect(
      resolveImages(prompt({ path: 'img/a.png', present: true }), createMemorySource({})),
    ).rejects.toMatchObject({
      code: 'dataset/image-unreadable',
    });
  });

  it('refuses bytes that are not an image (read or inline) with dataset/bad-image, never quoting them', async () => {
    const passwd = new TextEncoder().encode('root:x:0:0:root:/root:/bin/bash\n');
    const source = createMemorySource({ 'img/a.png': passwd, 'img/short.png': PNG_1PX.subarray(0, 12) });
    for (const image of [
      { path: 'img/a.png', present: true },
      { path: 'img/short.png', present: true }, // a PNG signature cut before its IHDR: a broken download
      { path: 'inline#1', present: true, bytes: new TextEncoder().encode('{"not": "an image"}') },
    ]) {
      const refused = resolveImages(prompt(image), source);
      await expect(refused).rejects.toMatchObject({
        code: 'dataset/bad-image',
        message: expect.stringContaining(`${image.path} is not an image file`),
      });
      expect(await refused.catch((e: Error) => e.message)).not.toContain('root:');
    }
  });

  it('accepts the formats servers decode: JPEG, PNG, GIF, WebP, BMP, TIFF', async () => {
    const heads: Record<string, number[]> = {
      gif: [...new TextEncoder().encode('GIF89a'), 1, 0, 1, 0, 0],
      webp: [...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBPVP8 ')],
      bmp: [0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0],
      tif: [0x49, 0x49, 0x2a, 0, 8, 0, 0, 0],
    };
    for (const [ext, bytes] of Object.entries(heads)) {
      const image = { path: `x.${ext}`, present: true, bytes: Uint8Array.from(bytes) };
      await expect(resolveImages(prompt(image), undefined)).resolves.toHaveLength(1);
    }
  });

  it('is the only way to a request: an image without bytes does not type-check as a GenerateRequest part', () => {
    // @ts-expect-error an unresolved ImageRef (no bytes) is not a ResolvedImage
    const unresolved: ContentPart = { type: 'image', image: { path: 'x.png', present: false } };
    const request: GenerateRequest = {
      // @ts-expect-error buildMessages' PromptMessages must go through resolveImages first
      messages: prompt({ path: 'x.png', present: true, bytes: PNG_1PX }),
      params: { maxNewTokens: 1, temperature: 0 },
    };
    expect([unresolved.type, request.params.maxNewTokens]).toEqual(['image', 1]);
  });
});
