// The built-in models as data: the paper's ten (its row order) plus web-runnable extras. Results merge into
// tables by `id`; `paperLabel` is the row name as printed in the paper.
import { modelEntry, type ModelEntry } from './entry';

// Web exports: only repos verified to exist are named (docs/models.md says how to make the others).
// onnx-community/Qwen2.5-VL-3B-Instruct-ONNX ships q4f16 weights; no onnx-community export of a 7B Qwen2.5-VL
// (nor of MiMo-VL, Lingshu or HuatuoGPT-Vision) is known.
//
// HuatuoGPT-Vision: FreedomIntelligence publishes HuatuoGPT-Vision-7B (LLaVA on Qwen2-7B), -7B-Qwen2.5VL and
// -34B (LLaVA on Yi-1.5-34B, with a vLLM-ready -34B-hf conversion). No "32B" exists: the paper's
// "Huatuo-GPT-Vision-32B" can only be the 34B, so that is what this id points at (the id keeps the paper's name).
export const MODELS = Object.freeze([
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
  modelEntry({
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
