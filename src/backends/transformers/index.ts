// transformers.js: the Qwen-VL ModelBackend and the gme Embedder, in the browser (WebGPU / wasm) and in Node
// (onnxruntime-node). Both run on the same processor inputs, dtype check, image decoding and load progress.

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
export { chooseRuntime, wasmFallback, type RuntimeChoice, type TransformersDevice } from './runtime-choice';
export { modelClassFor, readModelType, MODEL_CLASSES, type SupportedModelType } from './model-family';
export {
  prepareVlInputs,
  preparePromptInputs,
  toTemplateMessages,
  type ImageDecoder,
  type VlInputs,
  type VlProcessorLike,
} from './prepare-inputs';
export {
  createGmeEmbedder,
  GmeEmbedder,
  gmePrompt,
  l2Normalize,
  GME_DEFAULT_INSTRUCTION,
  GME_MAX_PIXELS,
  GME_MIN_PIXELS,
  type GmeEmbedderOptions,
} from './gme-embedder';
export { contentHash, MemoryEmbeddingCache, type EmbeddingCache } from './embedding-cache';
