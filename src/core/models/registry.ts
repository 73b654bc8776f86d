// The model registry as data: the paper's ten models plus web-runnable extras, and user-added models.
// Results merge into tables by `id`; `paperLabel` is the row name as printed in the paper.
import { didYouMean, EvalError } from '../errors';
import type { WorkerBackendKind } from './backend-kinds';

export type ModelGroup = 'general' | 'medical';
/** The backend a web export runs on (core/models/backend-kinds.ts). */
export type ModelEngine = WorkerBackendKind;

export interface WebExport {
  engine: ModelEngine;
  /**
   * Hub repo id of an export in the engine's layout (ONNX for transformers.js, MLC for web-llm). MLC builds
   * live in one repo per dtype: there "{dtype}" stands for the dtype (see webRepoFor).
   */
  repo: string;
  /** dtypes the export ships, best first (e.g. q4f16 needs shader-f16). */
  dtypes: readonly string[];
}

export interface ModelEntry {
  id: string;
  label: string;
  /** Row label in the paper's tables (typos kept: "Huatuo-GPT-Vision-32E"); null when not in the paper. */
  paperLabel: string | null;
  family: 'qwen2-vl' | 'qwen2.5-vl' | 'qwen3-vl' | 'phi3.5-vision' | 'llava';
  paramsB: number;
  group: ModelGroup;
  /** Original weights on the hub. */
  hfRepo: string;
  /** Name an OpenAI-compatible server (vLLM/SGLang/LMDeploy) serves it under by default. */
  remoteName: string;
  /** 'browser' models may also run remotely; 'remote' ones are too large for a browser. */
  runtime: 'browser' | 'remote';
  /** Where a web export exists or can be made; absent when none is known. */
  web?: WebExport;
  /** Recommended vLLM tensor-parallel size on 80 GB GPUs. */
  tensorParallel: number;
}

const entry = (e: Omit<ModelEntry, 'remoteName'> & { remoteName?: string }): ModelEntry =>
  Object.freeze({
    ...e,
    remoteName: e.remoteName ?? e.hfRepo,
    ...(e.web !== undefined ? { web: Object.freeze({ ...e.web, dtypes: Object.freeze([...e.web.dtypes]) }) } : {}),
  });

// Web exports: only repos verified to exist are named (docs/models.md says how to make the others).
// onnx-community/Qwen2.5-VL-3B-Instruct-ONNX ships q4f16 weights; no onnx-community export of a 7B Qwen2.5-VL
// (nor of MiMo-VL, Lingshu or HuatuoGPT-Vision) is known.
//
// HuatuoGPT-Vision: FreedomIntelligence publishes HuatuoGPT-Vision-7B (LLaVA on Qwen2-7B), -7B-Qwen2.5VL and
// -34B (LLaVA on Yi-1.5-34B, with a vLLM-ready -34B-hf conversion). No "32B" exists: the paper's
// "Huatuo-GPT-Vision-32B" can only be the 34B, so that is what this id points at (the id keeps the paper's name).
export const MODELS = Object.freeze([
  entry({
    id: 'qwen2.5-vl-3b',
    label: 'Qwen2.5-VL-3B-Instruct',
    paperLabel: 'Qwen2.5-VL-3B',
    family: 'qwen2.5-vl',
    paramsB: 3,
    group: 'general',
    hfRepo: 'Qwen/Qwen2.5-VL-3B-Instruct',
    runtime: 'browser',
    tensorParallel: 1,
    web: { engine: 'transformers', repo: 'onnx-community/Qwen2.5-VL-3B-Instruct-ONNX', dtypes: ['q4f16'] },
  }),
  entry({
    id: 'qwen2.5-vl-7b',
    label: 'Qwen2.5-VL-7B-Instruct',
    paperLabel: 'Qwen2.5-VL-7B',
    family: 'qwen2.5-vl',
    paramsB: 7,
    group: 'general',
    hfRepo: 'Qwen/Qwen2.5-VL-7B-Instruct',
    runtime: 'browser',
    tensorParallel: 1,
  }),
  entry({
    id: 'qwen2.5-vl-32b',
    label: 'Qwen2.5-VL-32B-Instruct',
    paperLabel: 'Qwen2.5-VL-32B',
    family: 'qwen2.5-vl',
    paramsB: 32,
    group: 'general',
    hfRepo: 'Qwen/Qwen2.5-VL-32B-Instruct',
    runtime: 'remote',
    tensorParallel: 2,
  }),
  entry({
    id: 'qwen2.5-vl-72b',
    label: 'Qwen2.5-VL-72B-Instruct',
    paperLabel: 'Qwen 2.5-VL-72B',
    family: 'qwen2.5-vl',
    paramsB: 72,
    group: 'general',
    hfRepo: 'Qwen/Qwen2.5-VL-72B-Instruct',
    runtime: 'remote',
    tensorParallel: 4,
  }),
  entry({
    id: 'mimo-vl-7b-rl',
    label: 'MiMo-VL-7B-RL',
    paperLabel: 'MiMo-VL-7B-RL',
    family: 'qwen2.5-vl',
    paramsB: 7,
    group: 'general',
    hfRepo: 'XiaomiMiMo/MiMo-VL-7B-RL',
    runtime: 'browser',
    tensorParallel: 1,
  }),
  entry({
    id: 'mimo-vl-7b-sft',
    label: 'MiMo-VL-7B-SFT',
    paperLabel: 'MiMo-VL-7B-SFT',
    family: 'qwen2.5-vl',
    paramsB: 7,
    group: 'general',
    hfRepo: 'XiaomiMiMo/MiMo-VL-7B-SFT',
    runtime: 'browser',
    tensorParallel: 1,
  }),
  entry({
    id: 'lingshu-7b',
    label: 'Lingshu-7B',
    paperLabel: 'Lingshu-7B',
    family: 'qwen2.5-vl',
    paramsB: 7,
    group: 'medical',
    hfRepo: 'lingshu-medical-mllm/Lingshu-7B',
    runtime: 'browser',
    tensorParallel: 1,
  }),
  entry({
    id: 'lingshu-32b',
    label: 'Lingshu-32B',
    paperLabel: 'Lingshu-32B',
    family: 'qwen2.5-vl',
    paramsB: 32,
    group: 'medical',
    hfRepo: 'lingshu-medical-mllm/Lingshu-32B',
    runtime: 'remote',
    tensorParallel: 2,
  }),
  entry({
    id: 'huatuogpt-vision-7b',
    label: 'HuatuoGPT-Vision-7B',
    paperLabel: 'Huatuo-GPT-Vision-7B',
    family: 'qwen2.5-vl',
    paramsB: 7,
    group: 'medical',
    hfRepo: 'FreedomIntelligence/HuatuoGPT-Vision-7B-Qwen2.5VL',
    runtime: 'browser',
    tensorParallel: 1,
  }),
  entry({
    id: 'huatuogpt-vision-32b',
    label: 'HuatuoGPT-Vision-34B',
    paperLabel: 'Huatuo-GPT-Vision-32E',
    family: 'llava',
    paramsB: 34,
    group: 'medical',
    hfRepo: 'FreedomIntelligence/HuatuoGPT-Vision-34B',
    remoteName: 'FreedomIntelligence/HuatuoGPT-Vision-34B-hf',
    runtime: 'remote',
    tensorParallel: 2,
  }),
  // Not in the paper: web-llm's only vision model (MLC builds q4f16_1, which needs shader-f16, and q4f32_1).
  entry({
    id: 'phi-3.5-vision',
    label: 'Phi-3.5-vision-instruct',
    paperLabel: null,
    family: 'phi3.5-vision',
    paramsB: 4.2,
    group: 'general',
    hfRepo: 'microsoft/Phi-3.5-vision-instruct',
    runtime: 'browser',
    tensorParallel: 1,
    web: { engine: 'webllm', repo: 'mlc-ai/Phi-3.5-vision-instruct-{dtype}-MLC', dtypes: ['q4f16_1', 'q4f32_1'] },
  }),
] as const satisfies readonly ModelEntry[]);

/** The models of the paper's tables, in the paper's row order. */
export const PAPER_MODEL_IDS = MODELS.filter((m) => m.paperLabel !== null).map((m) => m.id);

export function findModel(id: string, user: readonly ModelEntry[] = []): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id) ?? user.find((m) => m.id === id);
}

/** The hub repo of a web export for one dtype ("{dtype}" filled in for per-dtype MLC repos). */
export function webRepoFor(web: WebExport, dtype: string): string {
  return web.repo.replaceAll('{dtype}', dtype);
}

// Hugging Face's rules for repo ids: owner/name, letters, digits, '-', '_', '.', no '--' or '..', neither part
// starting or ending with '-' or '.', at most 96 characters per part.
const REPO_PART = /^[A-Za-z0-9_](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9_])?$/;

/** A hub repo id ("owner/name") checked against the hub's naming rules; throws config/model-repo. */
export function validateRepoId(repoId: string): string {
  const trimmed = repoId
    .trim()
    .replace(/^https?:\/\/huggingface\.co\//, '')
    .replace(/\/+$/, '');
  const parts = trimmed.split('/');
  const ok = parts.length === 2 && parts.every((p) => REPO_PART.test(p) && !p.includes('--') && !p.includes('..'));
  if (!ok) {
    throw new EvalError(
      'config/model-repo',
      `"${repoId}" is not a Hugging Face repo id: write it as owner/name (letters, digits, '-', '_', '.'), e.g. onnx-community/Qwen2.5-VL-3B-Instruct-ONNX.`,
    );
  }
  return trimmed;
}

export interface UserModelOptions {
  /** Which runtime the repo is laid out for: transformers.js ONNX, or a web-llm MLC build. */
  engine: ModelEngine;
  /** dtypes the repo ships, best first (default: fp32 for transformers.js, q4f32_1 for web-llm). */
  dtypes?: readonly string[];
  /** Registry id to store results under (default: derived from the repo id). */
  id?: string;
  label?: string;
  family?: ModelEntry['family'];
  /** Billions of parameters; default 0 (unknown). */
  paramsB?: number;
  group?: ModelGroup;
  /** Original weights, when the repo is an export of them (default: the repo itself). */
  hfRepo?: string;
  remoteName?: string;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,127}$/;

/** A registry entry for a model the user adds by repo id (not in the paper; runs in the browser). */
export function userModel(repoId: string, opts: UserModelOptions): ModelEntry {
  const repo = validateRepoId(repoId);
  const id = opts.id ?? `user-${repo.toLowerCase().replace('/', '--')}`;
  if (!ID.test(id))
    throw new EvalError(
      'config/model-id',
      `Model id "${id}" may hold only lowercase letters, digits, '.', '_' and '-'.`,
    );
  const dtypes = opts.dtypes ?? [opts.engine === 'webllm' ? 'q4f32_1' : 'fp32'];
  if (dtypes.length === 0 || dtypes.some((d) => !/^[a-z0-9_]+$/i.test(d)))
    throw new EvalError(
      'config/model-dtype',
      `dtypes of ${repo} must be names like q4f16, q4, fp32 (got ${JSON.stringify(dtypes)}).`,
    );
  if (opts.paramsB !== undefined && !(opts.paramsB > 0))
    throw new EvalError('config/model-params', `paramsB of ${repo} must be a positive number of billions.`);
  const hfRepo = opts.hfRepo !== undefined ? validateRepoId(opts.hfRepo) : repo;
  return entry({
    id,
    label: opts.label ?? repo.split('/')[1] ?? repo,
    paperLabel: null,
    family: opts.family ?? (opts.engine === 'webllm' ? 'phi3.5-vision' : 'qwen2.5-vl'),
    paramsB: opts.paramsB ?? 0,
    group: opts.group ?? 'general',
    hfRepo,
    remoteName: opts.remoteName ?? hfRepo,
    runtime: 'browser',
    web: { engine: opts.engine, repo, dtypes },
    tensorParallel: 1,
  });
}

/** Adds (or, for an id already added, replaces) user models; ids of built-in models are refused. Pure. */
export function registerUserModels(current: readonly ModelEntry[], added: readonly ModelEntry[]): ModelEntry[] {
  const out = [...current];
  for (const m of added) {
    if (MODELS.some((b) => b.id === m.id)) {
      throw new EvalError('config/duplicate-model', `"${m.id}" is a built-in model id: give your model another id.`);
    }
    const at = out.findIndex((u) => u.id === m.id);
    if (at >= 0) out[at] = m;
    else out.push(m);
  }
  return out;
}

/** Built-in models, then the user's; a user id equal to a built-in one, or repeated, is refused. */
export function allModels(user: readonly ModelEntry[] = []): readonly ModelEntry[] {
  const seen = new Set<string>(MODELS.map((m) => m.id));
  for (const m of user) {
    if (seen.has(m.id))
      throw new EvalError(
        'config/duplicate-model',
        `Model id "${m.id}" is defined twice: user models need ids of their own.`,
      );
    seen.add(m.id);
  }
  return [...MODELS, ...user];
}

/** Like findModel, but throws config/unknown-model with "did you mean". */
export function requireModel(id: string, user: readonly ModelEntry[] = []): ModelEntry {
  const found = findModel(id, user);
  if (found !== undefined) return found;
  const guess = didYouMean(
    id,
    allModels(user).map((m) => m.id),
  );
  throw new EvalError(
    'config/unknown-model',
    `Unknown model "${id}"${guess !== null ? `: did you mean "${guess}"?` : '.'} Add it as a user model (repo id + engine) or pick one of the registry.`,
  );
}
