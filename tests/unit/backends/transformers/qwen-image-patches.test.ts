// The fast Qwen image path must give exactly (bit for bit) what transformers.js's Qwen2VLImageProcessor gives, for
// the real Qwen2/2.5-VL and Qwen3-VL preprocessing configs, real demo-slice images and odd shapes and channel counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageProcessor, Qwen2VLImageProcessor, RawImage, type Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import {
  fastQwenImageInputs,
  patchesOf,
  patchPlanOf,
  type QwenImageProcessorFields,
} from '../../../../src/backends/transformers/qwen-image-patches';
import { REPO_ROOT } from '../../../support/shared-datasets';
import { testImagePng } from '../../../fixtures/tiny-models';

const CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073];
const CLIP_STD = [0.26862954, 0.26130258, 0.27577711];
// preprocessor_config.json of Qwen/Qwen2.5-VL-3B-Instruct and Qwen/Qwen3-VL-2B-Instruct (the fields the processor reads).
const QWEN25_VL = {
  do_convert_rgb: true,
  do_normalize: true,
  do_rescale: true,
  do_resize: true,
  image_mean: CLIP_MEAN,
  image_std: CLIP_STD,
  min_pixels: 3136,
  max_pixels: 12845056,
  merge_size: 2,
  patch_size: 14,
  resample: 3,
  rescale_factor: 0.00392156862745098,
  temporal_patch_size: 2,
  image_processor_type: 'Qwen2VLImageProcessor',
};
const QWEN3_VL = {
  ...QWEN25_VL,
  image_mean: [0.5, 0.5, 0.5],
  image_std: [0.5, 0.5, 0.5],
  patch_size: 16,
  size: { longest_edge: 16777216, shortest_edge: 65536 },
  min_pixels: undefined,
  max_pixels: undefined,
};

const processorOf = (config: Record<string, unknown>): Qwen2VLImageProcessor =>
  new Qwen2VLImageProcessor(config as never);
const fields = (ip: unknown): QwenImageProcessorFields => ip as QwenImageProcessorFields;

async function bothPaths(
  ip: Qwen2VLImageProcessor,
  image: RawImage,
): Promise<{
  ours: { pixel_values: Tensor; image_grid_thw: Tensor };
  theirs: { pixel_values: Tensor; image_grid_thw: Tensor };
}> {
  const plan = patchPlanOf(fields(ip));
  expect(plan).not.toBeNull();
  const ours = plan ? await fastQwenImageInputs(image, plan) : null;
  expect(ours).not.toBeNull();
  const theirs = (await ip(image)) as unknown as { pixel_values: Tensor; image_grid_thw: Tensor };
  return { ours: ours as { pixel_values: Tensor; image_grid_thw: Tensor }, theirs };
}

function expectBitEqual(ours: Tensor, theirs: Tensor): void {
  expect(ours.type).toBe(theirs.type);
  expect(ours.dims).toEqual(theirs.dims);
  const a = ours.data as Float32Array;
  const b = theirs.data as Float32Array;
  expect(a.length).toBe(b.length);
  const mismatch = a.findIndex((v, i) => !Object.is(v, b[i]));
  expect(mismatch, `first differing value at ${mismatch}: ${a[mismatch]} vs ${b[mismatch]}`).toBe(-1);
}

const demoImages = ['static-datasets/slake/imgs/xmlab53/source.jpg', 'static-datasets/slake/imgs/xmlab548/source.jpg'];

describe('fast Qwen image patches', () => {
  for (const [name, config] of [
    ['Qwen2.5-VL', QWEN25_VL],
    ['Qwen3-VL', QWEN3_VL],
  ] as const) {
    it(`equals Qwen2VLImageProcessor bit for bit on demo-slice images (${name} config, capped and uncapped)`, async () => {
      const ip = processorOf(config);
      for (const path of demoImages) {
        const image = await RawImage.fromBlob(new Blob([readFileSync(join(REPO_ROOT, path))]));
        for (const cap of [undefined, 200_000]) {
          const saved = ip.max_pixels;
          if (cap !== undefined) ip.max_pixels = cap;
          try {
            const { ours, theirs } = await bothPaths(ip, image);
            expectBitEqual(ours.pixel_values, theirs.pixel_values);
            expect(Array.from(ours.image_grid_thw.data as ArrayLike<number | bigint>, Number)).toEqual(
              Array.from(theirs.image_grid_thw.data as ArrayLike<number | bigint>, Number),
            );
            expect(ours.image_grid_thw.dims).toEqual(theirs.image_grid_thw.dims);
          } finally {
            ip.max_pixels = saved;
          }
        }
      }
    });
  }

  it('equals the processor on odd sizes and on grayscale and RGBA inputs', async () => {
    const ip = processorOf(QWEN25_VL);
    const png = await RawImage.fromBlob(new Blob([testImagePng(71, 43, 7)]));
    const gray = new RawImage(
      new Uint8ClampedArray(Array.from({ length: 90 * 61 }, (_, i) => (i * 37) % 256)),
      90,
      61,
      1,
    );
    const rgba = new RawImage(
      new Uint8ClampedArray(Array.from({ length: 57 * 99 * 4 }, (_, i) => (i * 13) % 256)),
      57,
      99,
      4,
    );
    for (const image of [png, gray, rgba]) {
      const { ours, theirs } = await bothPaths(ip, image);
      expectBitEqual(ours.pixel_values, theirs.pixel_values);
    }
  });

  it('declines processors whose options it does not reproduce', () => {
    expect(patchPlanOf(fields(processorOf({ ...QWEN25_VL, do_center_crop: true, crop_size: 224 })))).toBeNull();
    expect(
      patchPlanOf(fields(processorOf({ ...QWEN25_VL, do_pad: true, pad_size: { width: 28, height: 28 } }))),
    ).toBeNull();
    expect(patchPlanOf(fields(processorOf({ ...QWEN25_VL, image_mean: [0.5, 0.5] })))).toBeNull();
    expect(patchPlanOf(fields(new ImageProcessor({ ...QWEN25_VL } as never)))).toBeNull();
    class Override extends Qwen2VLImageProcessor {
      override async _call(
        ...args: Parameters<Qwen2VLImageProcessor['_call']>
      ): ReturnType<Qwen2VLImageProcessor['_call']> {
        return super._call(...args);
      }
    }
    expect(patchPlanOf(fields(new Override(QWEN25_VL as never)))).toBeNull();
  });

  it('rejects pixel data whose size is not a whole number of merged patches', () => {
    const plan = patchPlanOf(fields(processorOf(QWEN25_VL)));
    if (plan === null) throw new Error('no plan');
    expect(() => patchesOf(new Uint8Array(30 * 28 * 3), 30, 28, plan)).toThrow(/multiple of 28/);
    expect(() => patchesOf(new Uint8Array(10), 28, 28, plan)).toThrow(/RGB bytes/);
  });
});
