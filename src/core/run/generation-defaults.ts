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
