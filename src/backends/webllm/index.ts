// The web-llm backend (MLC builds on WebGPU, Phi-3.5-vision): a ModelBackend over an injected engine, and the
// page-side facade over workers/webllm.worker.ts. Nothing here imports @mlc-ai/web-llm eagerly.
export { createWebLlmEngineBackend, toLoadProgress, type WebLlmBackend, type WebLlmBackendOptions } from './backend';
export { createWebLlmWorkerBackend, type WebLlmTestHooks, type WebLlmWorkerOptions } from './worker-facade';
export {
  buildAppConfig,
  modelBaseUrl,
  modelFileUrls,
  needsShaderF16,
  validateModelRecord,
  PHI35_VISION_MODEL_IDS,
  WEBLLM_VLM_TYPE,
} from './app-config';
export { describeThrown, isFileFailure, mapWebLlmError, type FailedFile, type WebLlmErrorContext } from './errors';
export { findUnreachableFile, webGpuProblem, type FetchLike } from './preflight';
export { toWebLlmMessages } from './messages';
export type {
  WebLlmAppConfig,
  WebLlmChatRequest,
  WebLlmChunk,
  WebLlmContentPart,
  WebLlmEngine,
  WebLlmInitProgress,
  WebLlmMessage,
  WebLlmModelRecord,
  WebLlmUsage,
} from './engine';
