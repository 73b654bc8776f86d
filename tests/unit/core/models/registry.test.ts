// The model registry: unique ids, the paper's ten models mapped to rows of the paper's tables, what runs where,
// web exports, and user-added models.
import { describe, expect, it } from 'vitest';
import {
  allModels,
  findModel,
  MODELS,
  PAPER_MODEL_IDS,
  registerUserModels,
  requireModel,
  userModel,
  validateRepoId,
  webRepoFor,
  type ModelEntry,
} from '../../../../src/core/models/registry';
import { PAPER_TABLES } from '../../../../src/core/tables/paper-values';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as { code?: string }).code ?? 'no-code';
  }
};

describe('built-in models', () => {
  it('have unique ids, labels and repos', () => {
    for (const key of ['id', 'label', 'hfRepo'] as const)
      expect(new Set(MODELS.map((m) => m[key])).size, key).toBe(MODELS.length);
  });

  it('are the paper ten, each mapped to a row label printed in the paper (Table 1) under its registry group', () => {
    const paperModels = MODELS.filter((m) => m.paperLabel !== null);
    expect(paperModels).toHaveLength(10);
    expect(PAPER_MODEL_IDS).toEqual(paperModels.map((m) => m.id));
    const table1 = PAPER_TABLES[1];
    for (const m of paperModels) {
      const row = table1.find((r) => r.label === m.paperLabel);
      expect(row, `${m.id}: "${m.paperLabel}" is not a Table 1 label`).toBeDefined();
      expect(row?.model).toBe(m.id);
      expect(row?.group).toBe(m.group);
      for (const kind of [2, 3] as const)
        expect(
          PAPER_TABLES[kind].some((r) => r.model === m.id),
          `${m.id} in Table ${kind}`,
        ).toBe(true);
    }
  });

  it('run the 32B and 72B models remotely only, on several GPUs; the 3B/7B ones in the browser', () => {
    for (const m of MODELS) {
      if (m.paramsB >= 30) {
        expect(m.runtime, m.id).toBe('remote');
        expect(m.web, m.id).toBeUndefined();
        expect(m.tensorParallel, m.id).toBeGreaterThanOrEqual(2);
      } else {
        expect(m.runtime, m.id).toBe('browser');
      }
    }
    expect(
      MODELS.filter((m) => m.runtime === 'remote')
        .map((m) => m.id)
        .sort(),
    ).toEqual(['huatuogpt-vision-32b', 'lingshu-32b', 'qwen2.5-vl-32b', 'qwen2.5-vl-72b']);
  });

  it('name web exports only in a layout their engine reads', () => {
    for (const m of MODELS) {
      if (m.web === undefined) continue;
      expect(m.web.dtypes.length, m.id).toBeGreaterThan(0);
      for (const dtype of m.web.dtypes)
        expect(
          () => validateRepoId(webRepoFor(m.web as NonNullable<ModelEntry['web']>, dtype)),
          `${m.id} ${dtype}`,
        ).not.toThrow();
      if (m.web.engine === 'transformers') expect(m.family).toMatch(/^qwen/);
    }
    expect(findModel('qwen2.5-vl-3b')?.web).toEqual({
      engine: 'transformers',
      repo: 'onnx-community/Qwen2.5-VL-3B-Instruct-ONNX',
      dtypes: ['q4f16'],
    });
  });

  it('has Phi-3.5-vision for web-llm, outside the paper, with both MLC builds', () => {
    const phi = findModel('phi-3.5-vision');
    expect(phi).toMatchObject({ paperLabel: null, group: 'general', family: 'phi3.5-vision', runtime: 'browser' });
    expect(phi?.web?.engine).toBe('webllm');
    const web = phi?.web;
    if (web === undefined) throw new Error('no web export');
    // the model_ids web-llm's prebuilt list uses are the repo names
    expect(web.dtypes.map((d) => webRepoFor(web, d).split('/')[1])).toEqual([
      'Phi-3.5-vision-instruct-q4f16_1-MLC',
      'Phi-3.5-vision-instruct-q4f32_1-MLC',
    ]);
    expect(PAPER_TABLES[1].some((r) => r.model === 'phi-3.5-vision')).toBe(false);
  });

  it('points HuatuoGPT-Vision at repos FreedomIntelligence publishes', () => {
    expect(findModel('huatuogpt-vision-7b')?.hfRepo).toBe('FreedomIntelligence/HuatuoGPT-Vision-7B-Qwen2.5VL');
    expect(findModel('huatuogpt-vision-32b')).toMatchObject({
      hfRepo: 'FreedomIntelligence/HuatuoGPT-Vision-34B',
      remoteName: 'FreedomIntelligence/HuatuoGPT-Vision-34B-hf',
      paperLabel: 'Huatuo-GPT-Vision-32E',
    });
  });

  it('is frozen', () => {
    expect(Object.isFrozen(MODELS)).toBe(true);
    expect(Object.isFrozen(MODELS[0])).toBe(true);
  });
});

describe('user models', () => {
  it('builds an entry from a repo id and engine, with a file-name-safe id', () => {
    const m = userModel('onnx-community/Qwen2.5-VL-7B-Instruct-ONNX', {
      engine: 'transformers',
      dtypes: ['q4f16', 'q4'],
      paramsB: 7,
      hfRepo: 'Qwen/Qwen2.5-VL-7B-Instruct',
    });
    expect(m).toMatchObject({
      id: 'user-onnx-community--qwen2.5-vl-7b-instruct-onnx',
      label: 'Qwen2.5-VL-7B-Instruct-ONNX',
      paperLabel: null,
      runtime: 'browser',
      hfRepo: 'Qwen/Qwen2.5-VL-7B-Instruct',
      web: { engine: 'transformers', repo: 'onnx-community/Qwen2.5-VL-7B-Instruct-ONNX', dtypes: ['q4f16', 'q4'] },
    });
    expect(userModel('https://huggingface.co/me/My-VLM-q4f32_1-MLC/', { engine: 'webllm' }).web).toEqual({
      engine: 'webllm',
      repo: 'me/My-VLM-q4f32_1-MLC',
      dtypes: ['q4f32_1'],
    });
  });

  it.each([
    'no-slash',
    'a/b/c',
    'owner/-starts-with-dash',
    'owner/ends.',
    'owner/double--dash',
    'owner/dot..dot',
    'own er/name',
    `owner/${'x'.repeat(97)}`,
    '',
  ])('refuses the repo id %j', (repo) => {
    expect(codeOf(() => userModel(repo, { engine: 'transformers' }))).toBe('config/model-repo');
  });

  it('refuses a bad id, bad dtypes or params', () => {
    expect(codeOf(() => userModel('me/x', { engine: 'transformers', id: 'Has Space' }))).toBe('config/model-id');
    expect(codeOf(() => userModel('me/x', { engine: 'transformers', dtypes: [] }))).toBe('config/model-dtype');
    expect(codeOf(() => userModel('me/x', { engine: 'transformers', paramsB: -1 }))).toBe('config/model-params');
  });

  it('registers user models purely: re-adding replaces, built-in ids are refused', () => {
    const a = userModel('me/a', { engine: 'transformers' });
    const b = userModel('me/b', { engine: 'webllm' });
    const before: ModelEntry[] = [a];
    const after = registerUserModels(before, [b, { ...a, label: 'renamed' }]);
    expect(before).toEqual([a]);
    expect(after.map((m) => [m.id, m.label])).toEqual([
      [a.id, 'renamed'],
      [b.id, 'b'],
    ]);
    expect(
      codeOf(() => registerUserModels([], [userModel('me/x', { engine: 'transformers', id: 'lingshu-7b' })])),
    ).toBe('config/duplicate-model');
  });

  it('allModels lists built-in then user models and refuses clashes; findModel and requireModel see both', () => {
    const mine = userModel('me/a', { engine: 'transformers' });
    const all = allModels([mine]);
    expect(all.length).toBe(MODELS.length + 1);
    expect(all.at(-1)).toBe(mine);
    expect(allModels()).toEqual([...MODELS]);
    expect(codeOf(() => allModels([mine, mine]))).toBe('config/duplicate-model');
    expect(findModel(mine.id)).toBeUndefined();
    expect(findModel(mine.id, [mine])).toBe(mine);
    expect(codeOf(() => requireModel('lingshu-7', [mine]))).toBe('config/unknown-model');
    expect(() => requireModel('lingshu-7')).toThrow(/did you mean "lingshu-7b"/);
  });
});
