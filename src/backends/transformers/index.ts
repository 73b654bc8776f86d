// The transformers.js backend: Qwen-VL families in the browser (WebGPU / wasm) and in Node (onnxruntime-node).

export {
  checkDtype,
  createTransformersBackend,
  decodeImageBytes,
  TransformersBackend,
  type ModelDtype,
  type TransformersBackendOptions,
  type TransformersGenerateResult,
} from './transformers-backend';
export { configureTransformersEnv, type TransformersEnvOptions } from './transformers-env';
export {
  chooseRuntime,
  probeWebGpu,
  wasmFallback,
  type GpuProbe,
  type RuntimeChoice,
  type TransformersDevice,
} from './runtime-choice';
export { modelClassFor, readModelType, MODEL_CLASSES, type SupportedModelType } from './model-family';
export {
  prepareVlInputs,
  preparePromptInputs,
  toTemplateMessages,
  type ImageDecoder,
  type VlInputs,
  type VlProcessorLike,
} from './prepare-inputs';
