import { AutoProcessor, Qwen2VLForConditionalGeneration, RawImage, type Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentHash,
  createGmeEmbedder,
  gmePrompt,
  MemoryEmbeddingCache,
  type GmeEmbedder,
} from '../../../../src/backends/transformers';
import { gmeInput, TEST_IMAGES, testImagePng } from '../../../fixtures/tiny-models';
import { useTinyModels } from './node-env';

beforeAll(useTinyModels);

describe('gme embedder on Node cpu', () => {
  let embedder: GmeEmbedder;
  let cache: MemoryEmbeddingCache;
  beforeAll(async () => {
    cache = new MemoryEmbeddingCache();
    embedder = createGmeEmbedder({ model: 'gme', device: 'cpu', dtype: 'fp32', cache });
    await embedder.load();
  });
  afterAll(() => embedder.dispose());

  it('returns the L2-normalised last-token hidden state of one forward pass', async () => {
    const input = gmeInput();
    const v = await embedder.embed(input);
    expect(embedder.dim).toBe(32);
    expect(v.length).toBe(32);
    // Independently: the stock processor on the same prompt, the model's forward, last row, normalised.
    const processor = await AutoProcessor.from_pretrained('gme');
    const model = await Qwen2VLForConditionalGeneration.from_pretrained('gme', { device: 'cpu', dtype: 'fp32' });
    const image = await RawImage.fromBlob(
      new Blob([testImagePng(TEST_IMAGES.square.width, TEST_IMAGES.square.height, TEST_IMAGES.square.seed)]),
    );
    const inputs = await processor(gmePrompt('You are a helpful assistant.', input.text, 1), image);
    const out = (await (model as unknown as (x: unknown) => Promise<{ last_hidden_state: Tensor }>)(inputs))
      .last_hidden_state;
    const [, seq = 0, dim = 0] = out.dims;
    const last = Array.from((out.data as Float32Array).subarray((seq - 1) * dim, seq * dim));
    const norm = Math.hypot(...last);
    expect(Array.from(v)).toEqual(last.map((x) => Math.fround(x / norm)));
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
    await model.dispose();
  });

  it('caches by content: the same text and image bytes hit the cache, other bytes do not', async () => {
    const input = gmeInput();
    const a = await embedder.embed(input);
    const before = cache.size;
    const b = await embedder.embed({ text: input.text, images: input.images.map((x) => x.slice()) });
    expect(b).toBe(a);
    expect(cache.size).toBe(before);
    const other = await embedder.embed({ text: input.text, images: [testImagePng(56, 56, 99)] });
    expect(Array.from(other)).not.toEqual(Array.from(a));
    expect(cache.size).toBe(before + 1);
    expect(await embedder.keyFor(input)).toBe(await embedder.keyFor(gmeInput()));
  });

  it('embeds text without images', async () => {
    const v = await embedder.embed({ text: 'only words', images: [] });
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
  });
});

describe('contentHash', () => {
  it('separates parts, so moving a boundary changes the hash', async () => {
    expect(await contentHash(['ab', 'c'])).not.toBe(await contentHash(['a', 'bc']));
    expect(await contentHash(['x', new Uint8Array([1])])).not.toBe(await contentHash([new Uint8Array([1]), 'x']));
    expect(await contentHash(['same'])).toBe(await contentHash(['same']));
  });
});
