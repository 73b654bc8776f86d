import {
  AutoProcessor,
  Qwen2VLForConditionalGeneration,
  Qwen2_5_VLForConditionalGeneration,
  RawImage,
  type Tensor,
} from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransformersBackend, type TransformersBackend } from '../../../../src/backends/transformers';
import { isEvalError } from '../../../../src/core/errors';
import { imagePart, QUESTION, TEST_IMAGES, testImagePng, tinyRequest } from '../../../fixtures/tiny-models';
import { useTinyModels } from './node-env';

beforeAll(useTinyModels);

/** The same item through bare transformers.js (processor(text, image) + generate), no backend code involved. */
async function bareGenerate(
  family: 'qwen2-vl' | 'qwen2.5-vl',
  maxNewTokens: number,
): Promise<{ ids: number[]; promptTokens: number }> {
  const processor = await AutoProcessor.from_pretrained(family);
  const cls = family === 'qwen2-vl' ? Qwen2VLForConditionalGeneration : Qwen2_5_VLForConditionalGeneration;
  const model = await cls.from_pretrained(family, { device: 'cpu', dtype: 'fp32' });
  const { width, height, seed } = TEST_IMAGES.square;
  const image = await RawImage.fromBlob(new Blob([testImagePng(width, height, seed)]));
  const text = processor.apply_chat_template(
    [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: QUESTION }] }],
    { add_generation_prompt: true },
  );
  const inputs = await processor(text, image);
  const out = (await model.generate({ ...inputs, max_new_tokens: maxNewTokens, do_sample: false })) as Tensor;
  const promptTokens = (inputs.input_ids as Tensor).dims[1] ?? 0;
  const all = (out.tolist() as bigint[][])[0] ?? [];
  await model.dispose();
  return { ids: all.slice(promptTokens).map(Number), promptTokens };
}

describe.each(['qwen2-vl', 'qwen2.5-vl'] as const)('transformers backend on Node cpu: %s', (family) => {
  let backend: TransformersBackend;
  beforeAll(async () => {
    backend = createTransformersBackend({ model: family, device: 'cpu', dtype: 'fp32' });
    await backend.load();
  });
  afterAll(() => backend.dispose());

  it('gives the same token ids as bare transformers.js generate on the same item', async () => {
    const bare = await bareGenerate(family, 8);
    const ours = await backend.generate(tinyRequest('single', 8));
    expect(ours.promptTokens).toBe(bare.promptTokens);
    expect(ours.outputTokenIds).toEqual(bare.ids);
    expect(ours.completionTokens).toBe(bare.ids.length);
  });

  it('is greedy: the same request twice gives the same ids', async () => {
    const a = await backend.generate(tinyRequest('single', 10));
    const b = await backend.generate(tinyRequest('single', 10));
    expect(b.outputTokenIds).toEqual(a.outputTokenIds);
    expect(a.outputTokenIds.length).toBeGreaterThan(0);
  });

  it('reports stats per item and a finish reason that matches the ids', async () => {
    const r = await backend.generate(tinyRequest('single', 6));
    expect(r.prefillMs).toBeGreaterThan(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(r.prefillMs ?? Infinity);
    expect(r.completionTokens).toBe(r.outputTokenIds.length);
    if (r.finishReason === 'length') {
      expect(r.completionTokens).toBe(6);
      expect(r.decodeTokensPerS).toBeGreaterThan(0);
    } else expect(r.finishReason).toBe('stop');
  });

  it('streams pieces that add up to the final text', async () => {
    const pieces: string[] = [];
    const r = await backend.generate(tinyRequest('single', 12), (p) => pieces.push(p));
    expect(pieces.join('')).toBe(r.text);
  });

  it('runs several images in one item: each image expands to its own grid of pads', async () => {
    const multi = await backend.generate(tinyRequest('multi', 8));
    const single = await backend.generate(tinyRequest('single', 8));
    // 84×56 with 14-px patches and 2×2 merging: (84/28)·(56/28) = 6 extra pads, plus 2 vision markers.
    const extra = (TEST_IMAGES.wide.width / 28) * (TEST_IMAGES.wide.height / 28) + 2;
    expect(multi.promptTokens).toBe((single.promptTokens ?? 0) + extra);
    expect(multi.outputTokenIds.length).toBeGreaterThan(0);
  });

  it('caps image size with maxPixels', async () => {
    const request = {
      messages: [
        { role: 'user' as const, content: [imagePart('large'), { type: 'text' as const, text: 'Describe.' }] },
      ],
      params: { maxNewTokens: 2, temperature: 0 },
    };
    const full = await backend.generate(request);
    const capped = await backend.generate({ ...request, params: { ...request.params, maxPixels: 112 * 112 } });
    // Qwen's smart_resize, written out: round to multiples of 28, then shrink to fit the pixel budget.
    const pads = (maxPixels: number): number => {
      const { width, height } = TEST_IMAGES.large;
      let h = Math.round(height / 28) * 28;
      let w = Math.round(width / 28) * 28;
      if (h * w > maxPixels) {
        const beta = Math.sqrt((height * width) / maxPixels);
        h = Math.floor(height / beta / 28) * 28;
        w = Math.floor(width / beta / 28) * 28;
      }
      return (w / 28) * (h / 28);
    };
    expect((full.promptTokens ?? 0) - (capped.promptTokens ?? 0)).toBe(pads(16384 * 28 * 28) - pads(112 * 112));
  });

  it('stops on interrupt(): finishReason abort, fewer tokens than asked', async () => {
    let seen = 0;
    const r = await backend.generate(tinyRequest('single', 400), () => {
      if (++seen === 3) void backend.interrupt();
    });
    expect(r.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThan(400);
    // The next generation is not affected by the earlier interrupt.
    expect((await backend.generate(tinyRequest('single', 4))).finishReason).not.toBe('abort');
  });

  it('stops when the request signal aborts', async () => {
    const controller = new AbortController();
    let seen = 0;
    const r = await backend.generate({ ...tinyRequest('single', 400), signal: controller.signal }, () => {
      if (++seen === 2) controller.abort();
    });
    expect(r.finishReason).toBe('abort');
  });

  it('refuses an image without bytes, with a code', async () => {
    const err = await backend
      .generate({
        messages: [{ role: 'user', content: [{ type: 'image', image: { path: 'a.png', present: false } }] }],
        params: { maxNewTokens: 2, temperature: 0 },
      })
      .catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('dataset/missing-image');
  });
});

describe('transformers backend: model selection and errors', () => {
  it('runs Qwen3-VL through its own model class', async () => {
    const b = createTransformersBackend({ model: 'qwen3-vl', device: 'cpu', dtype: 'fp32' });
    await b.load();
    const r = await b.generate(tinyRequest('multi', 4));
    expect(r.outputTokenIds.length).toBeGreaterThan(0);
    await b.dispose();
  });

  it('reports download progress in bytes and files', async () => {
    const events: { loadedBytes?: number; totalBytes?: number; file?: string; phase: string }[] = [];
    const b = createTransformersBackend({ model: 'qwen2-vl', device: 'cpu', dtype: 'fp32' });
    await b.load((p) => events.push(p));
    const files = new Set(events.map((e) => e.file).filter(Boolean));
    expect(files).toContain('onnx/decoder_model_merged.onnx');
    const last = events.at(-1);
    expect(last?.phase).toBe('ready');
    expect(last?.totalBytes).toBeGreaterThan(300_000);
    await b.dispose();
  });

  it('fails with a code when the model is missing', async () => {
    const b = createTransformersBackend({ model: 'no-such-model', device: 'cpu', dtype: 'fp32' });
    const err = await b.load().catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('backend/model-not-found');
  });

  it('refuses generate before load', async () => {
    const b = createTransformersBackend({ model: 'qwen2-vl', device: 'cpu', dtype: 'fp32' });
    const err = await b.generate(tinyRequest('text', 2)).catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('backend/not-loaded');
  });
});
