// The model registry as data: the paper's ten models plus web-runnable extras.
// Results merge into tables by `id`; `paperLabel` is the row name as printed in the paper.

export type ModelGroup = 'general' | 'medical';
export type ModelEngine = 'transformers' | 'webllm';

export interface WebExport {
  engine: ModelEngine;
  /** Hub repo id of an export in the engine's layout (ONNX for transformers.js, MLC for web-llm). */
  repo: string;
  /** dtypes the export ships, best first (e.g. q4f16 needs shader-f16). */
  dtypes: readonly string[];
}

export interface ModelEntry {
  id: string;
  label: string;
  /** Row label in the paper's tables (typos kept: "Huatuo-GPT-Vision-32E"); null when not in the paper. */
  paperLabel: string | null;
  family: 'qwen2-vl' | 'qwen2.5-vl' | 'qwen3-vl' | 'phi3.5-vision';
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

const paper = (e: Omit<ModelEntry, 'remoteName'> & { remoteName?: string }): ModelEntry =>
  Object.freeze({ ...e, remoteName: e.remoteName ?? e.hfRepo });

export const MODELS = Object.freeze([
  paper({ id: 'qwen2.5-vl-3b', label: 'Qwen2.5-VL-3B-Instruct', paperLabel: 'Qwen2.5-VL-3B', family: 'qwen2.5-vl', paramsB: 3, group: 'general', hfRepo: 'Qwen/Qwen2.5-VL-3B-Instruct', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'qwen2.5-vl-7b', label: 'Qwen2.5-VL-7B-Instruct', paperLabel: 'Qwen2.5-VL-7B', family: 'qwen2.5-vl', paramsB: 7, group: 'general', hfRepo: 'Qwen/Qwen2.5-VL-7B-Instruct', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'qwen2.5-vl-32b', label: 'Qwen2.5-VL-32B-Instruct', paperLabel: 'Qwen2.5-VL-32B', family: 'qwen2.5-vl', paramsB: 32, group: 'general', hfRepo: 'Qwen/Qwen2.5-VL-32B-Instruct', runtime: 'remote', tensorParallel: 2 }),
  paper({ id: 'qwen2.5-vl-72b', label: 'Qwen2.5-VL-72B-Instruct', paperLabel: 'Qwen 2.5-VL-72B', family: 'qwen2.5-vl', paramsB: 72, group: 'general', hfRepo: 'Qwen/Qwen2.5-VL-72B-Instruct', runtime: 'remote', tensorParallel: 4 }),
  paper({ id: 'mimo-vl-7b-rl', label: 'MiMo-VL-7B-RL', paperLabel: 'MiMo-VL-7B-RL', family: 'qwen2.5-vl', paramsB: 7, group: 'general', hfRepo: 'XiaomiMiMo/MiMo-VL-7B-RL', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'mimo-vl-7b-sft', label: 'MiMo-VL-7B-SFT', paperLabel: 'MiMo-VL-7B-SFT', family: 'qwen2.5-vl', paramsB: 7, group: 'general', hfRepo: 'XiaomiMiMo/MiMo-VL-7B-SFT', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'lingshu-7b', label: 'Lingshu-7B', paperLabel: 'Lingshu-7B', family: 'qwen2.5-vl', paramsB: 7, group: 'medical', hfRepo: 'lingshu-medical-mllm/Lingshu-7B', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'lingshu-32b', label: 'Lingshu-32B', paperLabel: 'Lingshu-32B', family: 'qwen2.5-vl', paramsB: 32, group: 'medical', hfRepo: 'lingshu-medical-mllm/Lingshu-32B', runtime: 'remote', tensorParallel: 2 }),
  paper({ id: 'huatuogpt-vision-7b', label: 'HuatuoGPT-Vision-7B', paperLabel: 'Huatuo-GPT-Vision-7B', family: 'qwen2.5-vl', paramsB: 7, group: 'medical', hfRepo: 'FreedomIntelligence/HuatuoGPT-Vision-7B-Qwen2.5VL', runtime: 'browser', tensorParallel: 1 }),
  paper({ id: 'huatuogpt-vision-32b', label: 'HuatuoGPT-Vision-32B', paperLabel: 'Huatuo-GPT-Vision-32E', family: 'qwen2.5-vl', paramsB: 32, group: 'medical', hfRepo: 'FreedomIntelligence/HuatuoGPT-Vision-32B-Qwen2.5VL', runtime: 'remote', tensorParallel: 2 }),
] as const satisfies readonly ModelEntry[]);

export const PAPER_MODEL_IDS = MODELS.map((m) => m.id);

export function findModel(id: string): ModelEntry | undefined {
  return MODELS.find((m) => m.id === id);
}
