// The appConfig built from web-llm's own prebuilt list (the installed package, read in Node), user records,
// the file URLs web-llm fetches, and the page-side WebGPU / shader-f16 preflight.
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import {
  buildAppConfig,
  findUnreachableFile,
  modelFileUrls,
  needsShaderF16,
  PHI35_VISION_MODEL_IDS,
  validateModelRecord,
  webGpuProblem,
  type WebLlmAppConfig,
  type WebLlmModelRecord,
} from '../../../../src/backends/webllm';
import type { GpuProbe } from '../../../../src/backends/shared/webgpu-probe';

const prebuilt = prebuiltAppConfig as unknown as WebLlmAppConfig;
const userRecord: WebLlmModelRecord = {
  model: 'http://127.0.0.1:8080/models/MyVLM-q4f32_1-MLC',
  model_id: 'MyVLM-q4f32_1-MLC',
  model_lib: 'http://127.0.0.1:8080/libs/MyVLM-q4f32_1-webgpu.wasm',
  model_type: 2,
};

describe('buildAppConfig', () => {
  it("takes both Phi-3.5-vision builds from the installed web-llm's prebuilt list, unchanged but for shader-f16", () => {
    const config = buildAppConfig(prebuilt);
    expect(config.model_list.map((r) => r.model_id)).toEqual([...PHI35_VISION_MODEL_IDS]);
    for (const record of config.model_list) {
      const original = prebuilt.model_list.find((r) => r.model_id === record.model_id);
      expect(original, record.model_id).toBeDefined();
      expect({ ...record, required_features: undefined }).toEqual({ ...original, required_features: undefined });
      expect(record.model_type).toBe(2);
      expect(record.model_lib).toMatch(/\.wasm$/);
    }
    expect(config.model_list[0]?.required_features).toEqual(['shader-f16']);
    expect(config.model_list[1]?.required_features).toBeUndefined();
  });

  it('adds valid user records and refuses bad or duplicate ones', () => {
    const config = buildAppConfig(prebuilt, [userRecord, { ...userRecord, model_id: 'MyVLM-q4f16_1-MLC' }]);
    expect(config.model_list.map((r) => r.model_id).slice(2)).toEqual(['MyVLM-q4f32_1-MLC', 'MyVLM-q4f16_1-MLC']);
    expect(config.model_list[3]?.required_features).toEqual(['shader-f16']);
    expect(() => buildAppConfig(prebuilt, [{ ...userRecord, model_id: PHI35_VISION_MODEL_IDS[1] }])).toThrow(
      /already defined/,
    );
    expect(() => validateModelRecord({ ...userRecord, model: 'models/MyVLM' })).toThrow(
      expect.objectContaining({ code: 'config/model-record' }),
    );
    expect(() => validateModelRecord({ ...userRecord, model_lib: 'http://127.0.0.1:8080/libs/MyVLM.so' })).toThrow(
      /\.wasm/,
    );
    expect(() => validateModelRecord({ ...userRecord, model_id: 'has space' })).toThrow(/model_id/);
  });

  it('says which web-llm version to install when the prebuilt list lacks the vision builds', () => {
    expect(() => buildAppConfig({ model_list: [] })).toThrow(
      expect.objectContaining({ code: 'config/webllm-version' }),
    );
  });

  it.each([
    ['Phi-3.5-vision-instruct-q4f16_1-MLC', [], true],
    ['Phi-3.5-vision-instruct-q4f32_1-MLC', [], false],
    ['Llama-3-8B-q0f16-MLC', [], true],
    ['MyModel-q4f32_1-MLC', ['shader-f16'], true],
    ['q4f160-lookalike', [], false],
  ] as const)('needsShaderF16(%s, %j) = %s', (id, features, expected) => {
    expect(needsShaderF16({ model_id: id, required_features: [...features] })).toBe(expected);
  });
});

describe('modelFileUrls', () => {
  it('follows web-llm: hub repos read from resolve/main/, explicit revisions are kept', () => {
    expect(modelFileUrls(userRecord)).toEqual([
      'http://127.0.0.1:8080/models/MyVLM-q4f32_1-MLC/resolve/main/mlc-chat-config.json',
      'http://127.0.0.1:8080/libs/MyVLM-q4f32_1-webgpu.wasm',
      'http://127.0.0.1:8080/models/MyVLM-q4f32_1-MLC/resolve/main/tensor-cache.json',
    ]);
    expect(modelFileUrls({ ...userRecord, model: 'https://host/x/resolve/v2/' })[0]).toBe(
      'https://host/x/resolve/v2/mlc-chat-config.json',
    );
  });
});

describe('page-side checks', () => {
  const probe = (p: Partial<GpuProbe>): GpuProbe => ({
    webgpu: true,
    adapter: true,
    features: [],
    fallbackAdapter: false,
    ...p,
  });
  const f16 = buildAppConfig(prebuilt).model_list[0] as WebLlmModelRecord;
  const f32 = buildAppConfig(prebuilt).model_list[1] as WebLlmModelRecord;

  it.each([
    [
      'no navigator.gpu',
      probe({ webgpu: false, adapter: false, error: 'navigator.gpu is missing' }),
      f32,
      'backend/no-webgpu',
    ],
    ['no adapter', probe({ adapter: false, error: 'requestAdapter() returned no adapter' }), f32, 'backend/no-webgpu'],
    ['SwiftShader, f16 build', probe({ fallbackAdapter: true }), f16, 'backend/no-shader-f16'],
    ['SwiftShader, f32 build', probe({ fallbackAdapter: true }), f32, null],
    ['real GPU with shader-f16, f16 build', probe({ features: ['shader-f16', 'timestamp-query'] }), f16, null],
  ] as const)('%s → %s', (_, p, record, code) => {
    expect(webGpuProblem(p, record)?.code ?? null).toBe(code);
  });

  it('findUnreachableFile names the first URL that is not 2xx, or a network failure', async () => {
    const urls = ['http://a/1', 'http://a/2', 'http://a/3'];
    const answers: Record<string, number | Error> = {
      'http://a/1': 200,
      'http://a/2': 404,
      'http://a/3': new TypeError('Failed to fetch'),
    };
    const seen: string[] = [];
    const fetchFn = async (url: string, init: { method: string }) => {
      seen.push(`${init.method} ${url}`);
      const a = answers[url];
      if (a instanceof Error) throw a;
      return { ok: a !== undefined && a < 300, status: a ?? 0 };
    };
    expect(await findUnreachableFile(urls, fetchFn)).toEqual({ url: 'http://a/2', status: 404 });
    expect(seen).toEqual(['HEAD http://a/1', 'HEAD http://a/2']);
    expect(await findUnreachableFile(['http://a/1', 'http://a/3'], fetchFn)).toMatchObject({
      url: 'http://a/3',
      status: null,
      reason: expect.stringMatching(/Failed to fetch/),
    });
    expect(await findUnreachableFile(['http://a/1'], fetchFn)).toBeNull();
  });
});
