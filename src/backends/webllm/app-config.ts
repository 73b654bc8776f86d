// The web-llm appConfig this app passes: the two Phi-3.5-vision builds from web-llm's prebuilt list (web-llm
// has no other vision model) plus the user's own MLC builds, and the file URLs web-llm will fetch for a record.
import { EvalError } from '../../core/errors';
import type { WebLlmAppConfig, WebLlmModelRecord } from './engine';

export const PHI35_VISION_MODEL_IDS = [
  'Phi-3.5-vision-instruct-q4f16_1-MLC',
  'Phi-3.5-vision-instruct-q4f32_1-MLC',
] as const;
/** web-llm's ModelType.VLM. */
export const WEBLLM_VLM_TYPE = 2;

/** True when the build needs the WebGPU shader-f16 feature (q4f16_*, q0f16 builds). */
export function needsShaderF16(record: Pick<WebLlmModelRecord, 'model_id' | 'required_features'>): boolean {
  return (
    (record.required_features ?? []).includes('shader-f16') || /(^|[-_])q\d+f16(_\d+)?([-_]|$)/i.test(record.model_id)
  );
}

const isHttpUrl = (s: string): boolean => /^https?:\/\/[^\s/]+/i.test(s);

/** Checks a user-added record before it reaches web-llm, whose own failures on bad records are cryptic. */
export function validateModelRecord(record: WebLlmModelRecord): WebLlmModelRecord {
  const where = `web-llm model record "${record.model_id}"`;
  if (!/^[\w.-]+$/.test(record.model_id))
    throw new EvalError('config/model-record', `${where}: model_id may hold only letters, digits, '.', '_' and '-'.`);
  if (!isHttpUrl(record.model)) {
    throw new EvalError(
      'config/model-record',
      `${where}: "model" must be the http(s) URL of the MLC weights folder (e.g. https://huggingface.co/mlc-ai/<name>-MLC), got "${record.model}".`,
    );
  }
  if (!isHttpUrl(record.model_lib) || !/\.wasm(\?|$)/.test(record.model_lib)) {
    throw new EvalError(
      'config/model-record',
      `${where}: "model_lib" must be the http(s) URL of the compiled WebGPU library (a .wasm file), got "${record.model_lib}".`,
    );
  }
  return record;
}

/**
 * Phi-3.5-vision q4f16_1 + q4f32_1 from web-llm's prebuilt list, plus user records. web-llm 0.2.86 does not mark
 * the q4f16 build as needing shader-f16; marking it makes web-llm refuse early with a clear error instead of
 * failing later in shader compilation.
 */
export function buildAppConfig(
  prebuilt: WebLlmAppConfig,
  userRecords: readonly WebLlmModelRecord[] = [],
): WebLlmAppConfig {
  const model_list: WebLlmModelRecord[] = [];
  for (const id of PHI35_VISION_MODEL_IDS) {
    const record = prebuilt.model_list.find((r) => r.model_id === id);
    if (record === undefined) {
      throw new EvalError(
        'config/webllm-version',
        `web-llm's prebuilt list has no "${id}": install @mlc-ai/web-llm 0.2.86, the version this app was built for.`,
      );
    }
    const features = new Set(record.required_features ?? []);
    if (needsShaderF16(record)) features.add('shader-f16');
    model_list.push({ ...record, ...(features.size > 0 ? { required_features: [...features] } : {}) });
  }
  for (const user of userRecords) {
    const record = validateModelRecord(user);
    if (model_list.some((r) => r.model_id === record.model_id)) {
      throw new EvalError(
        'config/model-record',
        `web-llm model id "${record.model_id}" is already defined: give your build another model_id.`,
      );
    }
    model_list.push(
      needsShaderF16(record)
        ? { ...record, required_features: [...new Set([...(record.required_features ?? []), 'shader-f16'])] }
        : record,
    );
  }
  return { model_list };
}

/** web-llm's URL rule: a folder URL without "/resolve/<rev>/" is a hub repo, read from resolve/main/. */
export function modelBaseUrl(model: string, pageUrl?: string): string {
  let url = model.endsWith('/') ? model : `${model}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url, pageUrl).href;
}

/** The files web-llm fetches first for a record, in its order: chat config, model library, weights manifest. */
export function modelFileUrls(record: WebLlmModelRecord, pageUrl?: string): string[] {
  const base = modelBaseUrl(record.model, pageUrl);
  return [
    new URL('mlc-chat-config.json', base).href,
    new URL(record.model_lib, pageUrl ?? base).href,
    new URL('tensor-cache.json', base).href,
  ];
}
