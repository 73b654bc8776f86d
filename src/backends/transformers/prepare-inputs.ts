// ChatMessage[] → model inputs for a Qwen-VL processor, one image at a time.
// transformers.js's Qwen2-VL processor treats several same-size images as video frames, so each image goes
// through the image processor alone, and each <|image_pad|> is expanded to its own grid's token count.

import { cat, type RawImage, type Tensor } from '@huggingface/transformers';
import { EvalError } from '../../core/errors';
import { fastQwenImageInputs, patchPlanOf, type QwenImageProcessorFields } from './qwen-image-patches';
import type { ChatMessage } from '../../core/types';

export type TemplatePart = { type: 'image' } | { type: 'text'; text: string };
export interface TemplateMessage {
  role: string;
  content: TemplatePart[];
}

export interface ImageProcessorLike {
  (image: RawImage): Promise<{ pixel_values: Tensor; image_grid_thw: Tensor }>;
  max_pixels: number;
  min_pixels: number;
  config: { merge_size?: number };
}

export interface TokenizerLike {
  (text: string): { input_ids: Tensor; attention_mask: Tensor };
  decode(ids: readonly bigint[] | readonly number[], opts: { skip_special_tokens: boolean }): string;
  all_special_ids: number[];
}

export interface VlProcessorLike {
  apply_chat_template(messages: TemplateMessage[], options: { add_generation_prompt: boolean }): string;
  image_processor: ImageProcessorLike;
  tokenizer: TokenizerLike;
}

/** Turns image bytes into a RawImage; injected so Node (sharp) and browsers (createImageBitmap) can differ. */
export type ImageDecoder = (bytes: Uint8Array) => Promise<RawImage>;

export interface VlInputs {
  input_ids: Tensor;
  attention_mask: Tensor;
  pixel_values?: Tensor;
  image_grid_thw?: Tensor;
}

const IMAGE_PAD = '<|image_pad|>';

/** Chat messages as the chat template expects them, plus the images' bytes in prompt order. */
export function toTemplateMessages(messages: readonly ChatMessage[]): {
  messages: TemplateMessage[];
  images: Uint8Array[];
} {
  const images: Uint8Array[] = [];
  const out = messages.map((m) => ({
    role: m.role,
    content: m.content.map((part): TemplatePart => {
      if (part.type === 'text') return { type: 'text', text: part.text };
      if (!part.image.present || !part.image.bytes) {
        throw new EvalError(
          'dataset/missing-image',
          `image ${part.image.path} has no bytes: resolve ImageRef.bytes (read the file) before calling generate`,
        );
      }
      images.push(part.image.bytes);
      return { type: 'image' };
    }),
  }));
  return { messages: out, images };
}

/** Runs `fn` with the image processor's max_pixels lowered to `maxPixels` (never below min_pixels). */
async function withPixelCap<T>(
  ip: ImageProcessorLike,
  maxPixels: number | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (maxPixels === undefined) return fn();
  const saved = ip.max_pixels;
  ip.max_pixels = Math.max(ip.min_pixels, Math.min(saved, maxPixels));
  try {
    return await fn();
  } finally {
    ip.max_pixels = saved;
  }
}

export async function prepareVlInputs(
  processor: VlProcessorLike,
  messages: readonly ChatMessage[],
  decodeImage: ImageDecoder,
  maxPixels?: number,
): Promise<VlInputs> {
  const { messages: templated, images } = toTemplateMessages(messages);
  const text = processor.apply_chat_template(templated, { add_generation_prompt: true });
  return preparePromptInputs(processor, text, images, decodeImage, maxPixels);
}

/** A finished prompt string with one <|image_pad|> per image → tokens, pixel values and grids. */
export async function preparePromptInputs(
  processor: VlProcessorLike,
  prompt: string,
  images: readonly Uint8Array[],
  decodeImage: ImageDecoder,
  maxPixels?: number,
): Promise<VlInputs> {
  const ip = processor.image_processor;
  const processed = await withPixelCap(ip, maxPixels, async () => {
    const plan = images.length > 0 ? patchPlanOf(ip as unknown as QwenImageProcessorFields) : null;
    const out: { pixel_values: Tensor; image_grid_thw: Tensor }[] = [];
    for (const bytes of images) {
      const image = await decodeImage(bytes);
      out.push((plan ? await fastQwenImageInputs(image, plan) : null) ?? (await ip(image)));
    }
    return out;
  });

  const merge = (ip.config.merge_size ?? 2) ** 2;
  const pieces = prompt.split(IMAGE_PAD);
  if (pieces.length - 1 !== processed.length) {
    throw new EvalError(
      'backend/prompt-mismatch',
      `the prompt has ${pieces.length - 1} image slots for ${processed.length} images`,
    );
  }
  const text = pieces
    .map((piece, i) => {
      const grid = processed[i - 1]?.image_grid_thw.data;
      if (i === 0 || !grid) return piece;
      const count = Number(grid[0]) * Number(grid[1]) * Number(grid[2]);
      return IMAGE_PAD.repeat(Math.floor(count / merge)) + piece;
    })
    .join('');

  const tokens = processor.tokenizer(text);
  if (processed.length === 0) return { input_ids: tokens.input_ids, attention_mask: tokens.attention_mask };
  return {
    input_ids: tokens.input_ids,
    attention_mask: tokens.attention_mask,
    pixel_values: cat(
      processed.map((p) => p.pixel_values),
      0,
    ),
    image_grid_thw: cat(
      processed.map((p) => p.image_grid_thw),
      0,
    ),
  };
}
