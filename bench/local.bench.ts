// BENCH local_pipeline_vs_bare: our transformers.js backend's time per item divided by bare transformers.js
// (processor + generate) on the same tiny generated Qwen2-VL and the same items, in Node (onnxruntime-node).
// Items alternate between the two, so machine noise hits both alike; each item's fastest round counts.

import { AutoProcessor, Qwen2VLForConditionalGeneration, RawImage, type Tensor } from '@huggingface/transformers';
import { configureTransformersEnv, createTransformersBackend } from '../src/backends/transformers';
import { imagePart, QUESTION, testImagePng, TEST_IMAGES } from '../tests/fixtures/tiny-models';
import { TINY_MODELS_DIR, writeTinyModel } from '../tests/fixtures/tiny-models/write';
import type { GenerateRequest } from '../src/core/types';

const ITEMS = 12;
const ROUNDS = 9;
const MAX_NEW_TOKENS = 32;
const MODEL = 'qwen2-vl';

writeTinyModel(MODEL);
configureTransformersEnv({ localModelPath: TINY_MODELS_DIR, allowRemoteModels: false });

// Items differ by image, as a benchmark's do.
const seeds = Array.from({ length: ITEMS }, (_, i) => 100 + i);
const pngs = seeds.map((s) => testImagePng(TEST_IMAGES.square.width, TEST_IMAGES.square.height, s));
const requests: GenerateRequest[] = pngs.map((bytes) => ({
  messages: [
    {
      role: 'user',
      content: [
        { ...imagePart('square'), image: { path: 'x.png', present: true, bytes } },
        { type: 'text', text: QUESTION },
      ],
    },
  ],
  params: { maxNewTokens: MAX_NEW_TOKENS, temperature: 0 },
}));

const backend = createTransformersBackend({ model: MODEL, device: 'cpu', dtype: 'fp32' });
await backend.load();
const processor = await AutoProcessor.from_pretrained(MODEL);
const bareModel = await Qwen2VLForConditionalGeneration.from_pretrained(MODEL, { device: 'cpu', dtype: 'fp32' });

async function bareItem(png: Uint8Array<ArrayBuffer>): Promise<number[]> {
  const image = await RawImage.fromBlob(new Blob([png]));
  const text = processor.apply_chat_template(
    [{ role: 'user', content: [{ type: 'image' }, { type: 'text', text: QUESTION }] }],
    { add_generation_prompt: true },
  );
  const inputs = await processor(text, image);
  const out = (await bareModel.generate({ ...inputs, max_new_tokens: MAX_NEW_TOKENS, do_sample: false })) as Tensor;
  const prompt = (inputs.input_ids as Tensor).dims[1] ?? 0;
  const ids = ((out.tolist() as bigint[][])[0] ?? []).slice(prompt).map(Number);
  processor.batch_decode([ids], { skip_special_tokens: true });
  return ids;
}

// Same work on both sides, checked once: identical token ids for every item.
for (let i = 0; i < ITEMS; i++) {
  const ours = await backend.generate(requests[i] as GenerateRequest);
  const bare = await bareItem(pngs[i] as Uint8Array<ArrayBuffer>);
  if (ours.outputTokenIds.join() !== bare.join()) throw new Error(`item ${i}: backend and bare generate disagree`);
}

// Each round runs every item through both, interleaved item by item. Per item the fastest of the rounds
// counts (the machine's background load only ever adds time), and the ratio is of their sums.
const oursMs: number[] = new Array<number>(ITEMS).fill(Infinity);
const bareMs: number[] = new Array<number>(ITEMS).fill(Infinity);
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < ITEMS; i++) {
    const t0 = performance.now();
    await backend.generate(requests[i] as GenerateRequest);
    const t1 = performance.now();
    await bareItem(pngs[i] as Uint8Array<ArrayBuffer>);
    const t2 = performance.now();
    oursMs[i] = Math.min(oursMs[i] ?? Infinity, t1 - t0);
    bareMs[i] = Math.min(bareMs[i] ?? Infinity, t2 - t1);
  }
}
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

console.log(`BENCH local_pipeline_ms_per_item ${(sum(oursMs) / ITEMS).toFixed(2)} ms`);
console.log(`BENCH local_bare_ms_per_item ${(sum(bareMs) / ITEMS).toFixed(2)} ms`);
console.log(`BENCH local_pipeline_vs_bare ${(sum(oursMs) / sum(bareMs)).toFixed(3)} ratio`);
await backend.dispose();
await bareModel.dispose();
