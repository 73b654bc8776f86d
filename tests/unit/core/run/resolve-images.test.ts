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
    const fromFile = Uint8Array.of(1, 2, 3);
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
