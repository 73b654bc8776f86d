// web-llm failures → EvalError codes and messages that say what to do, from a case table. Inputs are what
// actually arrives: Error objects (in-page engine) and "Name: message" strings (through web-llm's worker).
import { describe, expect, it } from 'vitest';
import { describeThrown, isFileFailure, mapWebLlmError } from '../../../../src/backends/webllm';
import { EvalError } from '../../../../src/core/errors';

const named = (name: string, message: string): Error => Object.assign(new Error(message), { name });
const F16 = 'Phi-3.5-vision-instruct-q4f16_1-MLC';

interface Case {
  input: unknown;
  code: string;
  /** Every pattern must appear in the message. */
  says: RegExp[];
  ctx?: Parameters<typeof mapWebLlmError>[1];
}

const CASES: [string, Case][] = [
  [
    'no WebGPU (worker string)',
    {
      input:
        'WebGPUNotAvailableError: WebGPU is not supported in your current environment, but it is necessary to run the WebLLM engine.',
      code: 'backend/no-webgpu',
      says: [/Chrome .*≥ 113/, /GPU/, /transformers\.js model/, /wasm/],
    },
  ],
  [
    'no adapter (Error)',
    {
      input: named('WebGPUNotFoundError', 'Cannot find WebGPU in the environment'),
      code: 'backend/no-webgpu',
      says: [/Chrome/],
    },
  ],
  [
    'no shader-f16',
    {
      input: `ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.`,
      code: 'backend/no-shader-f16',
      says: [/q4f32_1/, /shader-f16/],
      ctx: { modelId: F16 },
    },
  ],
  [
    'f16 shader compile failure text',
    {
      input: new Error("Invalid ShaderModule: 'f16' type used without shader-f16 extension enabled"),
      code: 'backend/no-shader-f16',
      says: [/q4f32_1/],
    },
  ],
  [
    'other missing feature',
    {
      input: 'FeatureSupportError: This model requires feature subgroups, which is not yet supported by this browser.',
      code: 'backend/gpu-feature',
      says: [/q4f32_1|newer browser/],
    },
  ],
  [
    'device lost',
    {
      input: named('DeviceLostError', 'The WebGPU device was lost while loading the model.'),
      code: 'backend/device-lost',
      says: [/memory/, /smaller model/],
    },
  ],
  [
    'Cache.add 404 with the file found',
    {
      input: new TypeError("Failed to execute 'add' on 'Cache': Request failed"),
      code: 'backend/model-files',
      ctx: {
        modelId: 'my-build',
        failedFile: { url: 'http://127.0.0.1:5173/nope/resolve/main/mlc-chat-config.json', status: 404 },
      },
      says: [
        /http:\/\/127\.0\.0\.1:5173\/nope\/resolve\/main\/mlc-chat-config\.json/,
        /HTTP 404/,
        /mlc-chat-config\.json/,
        /model_lib/,
        /CORS/,
      ],
    },
  ],
  [
    'fetch failure, nothing pinned down',
    {
      input: 'TypeError: Failed to fetch',
      code: 'backend/model-files',
      ctx: { modelId: 'x', modelUrl: 'https://huggingface.co/me/x-MLC' },
      says: [/https:\/\/huggingface\.co\/me\/x-MLC/],
    },
  ],
  [
    'server answered HTML',
    {
      input: `SyntaxError: Unexpected token '<', "<!doctype "... is not valid JSON`,
      code: 'backend/model-files',
      says: [/URL is right/],
    },
  ],
  [
    'unknown model id',
    {
      input: 'ModelNotFoundError: Cannot find model record in appConfig for Phi-3.5-vision-instruct-q4f32-MLC.',
      code: 'config/unknown-model',
      ctx: {
        modelId: 'Phi-3.5-vision-instruct-q4f32-MLC',
        knownIds: ['Phi-3.5-vision-instruct-q4f16_1-MLC', 'Phi-3.5-vision-instruct-q4f32_1-MLC'],
      },
      says: [/did you mean "Phi-3\.5-vision-instruct-q4f32_1-MLC"/],
    },
  ],
  [
    'record without model_lib',
    {
      input: named('MissingModelError', 'Missing `model_lib` for the model with ID "mine".'),
      code: 'config/model-record',
      says: [/\.wasm/],
    },
  ],
  [
    'context too long',
    {
      input: 'ContextWindowSizeExceededError: Prompt tokens exceed context window size',
      code: 'backend/context-too-long',
      says: [/image cap|max pixels/],
    },
  ],
  [
    'cache storage full',
    {
      input: named('QuotaExceededError', 'The quota has been exceeded.'),
      code: 'backend/cache-quota',
      says: [/Free disk space|delete cached models/],
    },
  ],
  [
    'not loaded',
    {
      input:
        'WorkerEngineModelNotLoadedError: WebWorkerMLCEngine is not loaded with a model. Did you call `engine.reload()`?',
      code: 'backend/not-loaded',
      says: [/load\(\)/],
    },
  ],
  [
    'prompt refused',
    {
      input: 'MultipleTextContentError: Each message can have at most one text contentPart, but received more than 1.',
      code: 'backend/bad-request',
      says: [/at most one text/],
    },
  ],
  [
    'anything else',
    { input: 'Error: something odd happened', code: 'backend/webllm', says: [/something odd happened/] },
  ],
  ['a non-error value', { input: 42, code: 'backend/webllm', says: [/42/] }],
];

describe('mapWebLlmError', () => {
  it.each(CASES)('%s', (_, c) => {
    const e = mapWebLlmError(c.input, c.ctx ?? { modelId: 'Phi-3.5-vision-instruct-q4f32_1-MLC' });
    expect(e).toBeInstanceOf(EvalError);
    expect(e.code).toBe(c.code);
    for (const pattern of c.says) expect(e.message).toMatch(pattern);
  });

  it('keeps an EvalError, and an EvalError-shaped object that crossed a worker, as they are', () => {
    const original = new EvalError('dataset/missing-image', 'restore it');
    expect(mapWebLlmError(original, { modelId: 'm' })).toBe(original);
    expect(mapWebLlmError({ code: 'backend/aborted', message: 'cancelled' }, { modelId: 'm' })).toMatchObject({
      code: 'backend/aborted',
      message: 'cancelled',
    });
  });

  it('reads the error name from the string web-llm posts through its worker', () => {
    expect(describeThrown('ShaderF16SupportError: needs f16')).toEqual({
      name: 'ShaderF16SupportError',
      message: 'needs f16',
    });
    expect(describeThrown('plain words: with a colon')).toEqual({
      name: 'Error',
      message: 'plain words: with a colon',
    });
    expect(describeThrown(named('TypeError', 'x'))).toEqual({ name: 'TypeError', message: 'x' });
  });

  it('tells file failures from GPU ones', () => {
    expect(isFileFailure("TypeError: Failed to execute 'add' on 'Cache': Request failed")).toBe(true);
    expect(isFileFailure(new TypeError('Failed to fetch'))).toBe(true);
    expect(isFileFailure('ShaderF16SupportError: requires shader-f16')).toBe(false);
    expect(isFileFailure('DeviceLostError: The WebGPU device was lost')).toBe(false);
  });
});
