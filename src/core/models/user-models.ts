// Models the user adds by hub repo id: the repo id checked against the hub's rules, an entry built with defaults,
// and the list of added models kept apart from the built-in ones.
import { EvalError } from '../errors';
import { MODELS } from './builtin-models';
import { modelEntry, type ModelEngine, type ModelEntry, type ModelGroup } from './entry';

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
  return modelEntry({
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
