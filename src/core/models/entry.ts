// What the model registry records about a model (ModelEntry), and how an entry is made: frozen, with defaults.

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

/** A frozen entry; remoteName defaults to the hub repo. */
export const modelEntry = (e: Omit<ModelEntry, 'remoteName'> & { remoteName?: string }): ModelEntry =>
  Object.freeze({
    ...e,
    remoteName: e.remoteName ?? e.hfRepo,
    ...(e.web !== undefined ? { web: Object.freeze({ ...e.web, dtypes: Object.freeze([...e.web.dtypes]) }) } : {}),
  });

/** The hub repo of a web export for one dtype ("{dtype}" filled in for per-dtype MLC repos). */
export function webRepoFor(web: WebExport, dtype: string): string {
  return web.repo.replaceAll('{dtype}', dtype);
}
