// One item through the pipeline: build → resolve images → generate → extract → score (storing is the engine's).
// Per-item failures come back as results with an `error`; only cancellation returns null.
import { EvalError, isEvalError } from '../errors';
import { IMAGE_FORMAT_NAMES, imageFormatOf } from '../image/header';
import type { DatasetSource, ModelBackend } from '../ports';
import type { PromptTemplate } from '../prompt';
import { buildMessages } from '../prompt';
import { toItemResult } from '../score';
import type {
  ChatMessage,
  ContentPart,
  ExtractMode,
  GenerateResult,
  ImageRef,
  Item,
  ItemResult,
  PromptMessage,
  ResolvedImage,
  RunManifest,
} from '../types';
import { storedOutputCap } from './generation-defaults';
import type { ItemHooks, ItemRef } from './types';

export interface ItemContext {
  backend: ModelBackend;
  manifest: RunManifest;
  source: DatasetSource | undefined;
  mode: ExtractMode;
  template: PromptTemplate | undefined;
  signal: AbortSignal;
  /** See RunOptions.yieldToHost. */
  yieldToHost?: () => Promise<void>;
  /** See RunOptions.onItem. */
  onItem?: ItemHooks;
  /** The run's index in RunPorts.runs (ItemRef.run); 0 when there is one run. */
  run?: number;
}

/**
 * The item's messages with every image's bytes in hand: the one place a missing or unreadable image is caught
 * (an item error); backends receive ResolvedImages and never check.
 */
export async function resolveImages(
  messages: readonly PromptMessage[],
  source: DatasetSource | undefined,
): Promise<ChatMessage[]> {
  const out: ChatMessage[] = [];
  for (const message of messages) {
    const content: ContentPart[] = [];
    for (const part of message.content) {
      content.push(part.type === 'text' ? part : { type: 'image', image: await resolveImage(part.image, source) });
    }
    out.push({ role: message.role, content });
  }
  return out;
}

async function resolveImage(image: ImageRef, source: DatasetSource | undefined): Promise<ResolvedImage> {
  if (!image.present) {
    throw new EvalError(
      'dataset/missing-image',
      `Image ${image.path} was not found when the data was loaded: restore it under the dataset folder and rerun.`,
    );
  }
  if (image.bytes !== undefined) return checkedImage(image.path, image.bytes);
  if (source === undefined)
    throw new EvalError(
      'dataset/missing-image',
      `Image ${image.path} has no bytes and the run has no dataset source to read it from.`,
    );
  let bytes: Uint8Array;
  try {
    bytes = await source.readBytes(image.path);
  } catch (e) {
    throw new EvalError(
      'dataset/image-unreadable',
      `Image ${image.path} cannot be read from ${source.root}: ${e instanceof Error ? e.message : String(e)}`,
      e,
    );
  }
  return checkedImage(image.path, bytes);
}

/** Only bytes that start as an image go to a model (the content itself is never quoted: it may be any file). */
function checkedImage(path: string, bytes: Uint8Array): ResolvedImage {
  if (imageFormatOf(bytes) === null)
    throw new EvalError(
      'dataset/bad-image',
      `Image ${path} is not an image file (${bytes.byteLength} bytes, none of ${IMAGE_FORMAT_NAMES}): replace it ` +
        `with the original image and rerun; this item is retried then.`,
    );
  return { path, bytes };
}

/** The backend's generation, with the item's start, streamed pieces and end reported to ctx.onItem. */
async function generate(item: Item, messages: ChatMessage[], ctx: ItemContext): Promise<GenerateResult> {
  const request = { messages, params: ctx.manifest.generation, signal: ctx.signal };
  const hooks = ctx.onItem;
  if (hooks === undefined) return ctx.backend.generate(request);
  const ref: ItemRef = { benchmark: item.benchmark, id: item.id, run: ctx.run ?? 0 };
  const watched = hooks.started?.(ref) === true;
  const token = hooks.token;
  try {
    return await ctx.backend.generate(request, watched && token ? (piece) => token(ref, piece) : undefined);
  } finally {
    hooks.ended?.(ref);
  }
}

export async function evaluateItem(
  item: Item,
  ctx: ItemContext,
): Promise<{ result: ItemResult; outputTokens: number } | null> {
  const fail = (code: string, message: string) => ({
    result: toItemResult(item, '', { model: ctx.manifest.model, mode: ctx.mode, error: { code, message } }),
    outputTokens: 0,
  });
  try {
    const messages = await resolveImages(buildMessages(item, ctx.template), ctx.source);
    await ctx.yieldToHost?.();
    if (ctx.signal.aborted) return null;
    const generated = await generate(item, messages, ctx);
    if (generated.finishReason === 'abort') {
      if (ctx.signal.aborted) return null;
      return fail('backend/aborted', 'The generation was interrupted before it finished.');
    }
    const result = toItemResult(item, generated.text, {
      model: ctx.manifest.model,
      mode: ctx.mode,
      promptTokens: generated.promptTokens,
      completionTokens: generated.completionTokens,
      latencyMs: Math.round(generated.latencyMs),
      truncated: generated.finishReason === 'length',
      maxOutputChars: storedOutputCap(ctx.manifest.generation.maxNewTokens),
    });
    // The checked count: an implausible one (1e308) is null in the result and must not reach the rate meter.
    return { result, outputTokens: result.completionTokens ?? 0 };
  } catch (e) {
    if (ctx.signal.aborted) return null;
    if (isEvalError(e)) return fail(e.code, e.message);
    return fail('run/unexpected', e instanceof Error ? e.message : String(e));
  }
}
