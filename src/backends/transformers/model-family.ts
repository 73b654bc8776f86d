// Maps config.json's model_type to the transformers.js model class that runs it.

import {
  AutoConfig,
  Qwen2VLForConditionalGeneration,
  Qwen2_5_VLForConditionalGeneration,
  Qwen3VLForConditionalGeneration,
} from '@huggingface/transformers';
import { didYouMean, EvalError } from '../../core/errors';

export const MODEL_CLASSES = {
  qwen2_vl: Qwen2VLForConditionalGeneration,
  qwen2_5_vl: Qwen2_5_VLForConditionalGeneration,
  qwen3_vl: Qwen3VLForConditionalGeneration,
} as const;
export type SupportedModelType = keyof typeof MODEL_CLASSES;
export type VlModelClass = (typeof MODEL_CLASSES)[SupportedModelType];

const SUPPORTED = Object.keys(MODEL_CLASSES) as SupportedModelType[];

export function modelClassFor(modelType: string): VlModelClass {
  if (modelType in MODEL_CLASSES) return MODEL_CLASSES[modelType as SupportedModelType];
  const hint = didYouMean(modelType, SUPPORTED);
  throw new EvalError(
    'config/unsupported-model-type',
    `model_type "${modelType}" is not supported in the browser backend (supported: ${SUPPORTED.join(', ')})` +
      (hint ? `; did you mean "${hint}"?` : '. Run this model on a remote server instead.'),
  );
}

/** Reads `<model>/config.json` and returns its model_type. */
export async function readModelType(model: string): Promise<string> {
  const config = (await AutoConfig.from_pretrained(model)) as unknown as { model_type?: unknown };
  if (typeof config.model_type !== 'string') {
    throw new EvalError(
      'backend/bad-model-config',
      `${model}/config.json has no model_type: is this a transformers.js export?`,
    );
  }
  return config.model_type;
}
