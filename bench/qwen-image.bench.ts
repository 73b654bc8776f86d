// BENCH qwen_image_preprocess_speedup: transformers.js's Qwen2VLImageProcessor vs our one-pass patch path
// (src/backends/transformers/qwen-image-patches.ts) on the same decoded image, in Node, with Qwen2.5-VL's
// preprocessing config. Both include transformers.js's resize; outputs are checked equal first. Fastest of the rounds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Qwen2VLImageProcessor, RawImage, type Tensor } from '@huggingface/transformers';
import {
  fastQwenImageInputs,
  patchPlanOf,
  type QwenImageProcessorFields,
} from '../src/backends/transformers/qwen-image-patches';
import { REPO_ROOT } from '../tests/support/shared-datasets';
import { testImagePng } from '../tests/fixtures/tiny-models';

const ROUNDS = 7;
const config = {
  do_convert_rgb: true,
  do_normalize: true,
  do_rescale: true,
  do_resize: true,
  image_mean: [0.48145466, 0.4578275, 0.40821073],
  image_std: [0.26862954, 0.26130258, 0.27577711],
  min_pixels: 3136,
  max_pixels: 12845056,
  merge_size: 2,
  patch_size: 14,
  resample: 3,
  rescale_factor: 1 / 255,
  temporal_patch_size: 2,
};
const ip = new Qwen2VLImageProcessor(config as never);
const plan = patchPlanOf(ip as unknown as QwenImageProcessorFields);
if (plan === null) throw new Error('the fast path declined the Qwen2.5-VL config');

const cases: [string, RawImage][] = [
  [
    'slake_ct',
    await RawImage.fromBlob(new Blob([readFileSync(join(REPO_ROOT, 'static-datasets/slake/imgs/xmlab53/source.jpg'))])),
  ],
  ['synthetic_1024', await RawImage.fromBlob(new Blob([testImagePng(1024, 1024, 3)]))],
];

for (const [name, image] of cases) {
  const theirs = (await ip(image)) as unknown as { pixel_values: Tensor };
  const ours = await fastQwenImageInputs(image, plan);
  const a = ours?.pixel_values.data as Float32Array;
  const b = theirs.pixel_values.data as Float32Array;
  if (a.length !== b.length || a.some((v, i) => !Object.is(v, b[i]))) throw new Error(`${name}: the two paths differ`);
  let theirsMs = Infinity;
  let oursMs = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    await ip(image);
    const t1 = performance.now();
    await fastQwenImageInputs(image, plan);
    const t2 = performance.now();
    theirsMs = Math.min(theirsMs, t1 - t0);
    oursMs = Math.min(oursMs, t2 - t1);
  }
  console.log(`# ${name}: ${image.width}×${image.height} → ${(ours?.pixel_values.dims ?? []).join('×')} patch values`);
  console.log(`BENCH qwen_image_processor_${name}_ms ${theirsMs.toFixed(1)} ms`);
  console.log(`BENCH qwen_image_fast_${name}_ms ${oursMs.toFixed(1)} ms`);
  console.log(`BENCH qwen_image_preprocess_speedup_${name} ${(theirsMs / oursMs).toFixed(1)} ratio`);
}
