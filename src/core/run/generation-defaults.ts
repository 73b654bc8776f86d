// The generation settings a run uses unless told otherwise, defined once for the CLI and the app. Both store them in
// the run's manifest, and a stored run resumes only with the same values.
import type { GenerationParams } from '../types';

export const GENERATION_DEFAULTS: Readonly<Required<GenerationParams>> = Object.freeze({
  /** The paper's protocol. */
  maxNewTokens: 2048,
  /** Greedy decoding, as the paper. */
  temperature: 0,
  /** Qwen2.5-VL's own processor default (max_pixels 12845056): a server would see the same image uncapped. */
  maxPixels: 12_845_056,
});

/**
 * The most bytes one remote answer may have (after decompression): 1 MiB + 1 KiB per new token. A streamed token
 * costs about 250 bytes of SSE framing and a JSON-escaped token rarely more than 100, so an honest answer stays
 * far below it (3 MiB at the default 2048 tokens) while a server ignoring max_tokens is cut off.
 */
export function responseByteCap(maxNewTokens: number): number {
  return 1024 * 1024 + 1024 * Math.max(0, maxNewTokens);
}

/**
 * The most characters of one output a result keeps: 16 Ki + 32 per new token (81,920 at the default 2048). Real
 * tokens average about 4 characters; a longer output is stored cut to this with status `truncated` and its length.
 */
export function storedOutputCap(maxNewTokens: number): number {
  return 16 * 1024 + 32 * Math.max(0, maxNewTokens);
}
