// OpenAI-compatible remote backend (vLLM, SGLang, LMDeploy): front door. Platform image encoders live in
// ./node-image (sharp) and ./browser-image (OffscreenCanvas) and are imported only where they run.
export { createOpenAIBackend } from './backend';
export type { OpenAIBackend } from './backend';
export { checkEndpoint, checkEndpoints } from './check';
export type { CheckOptions, EndpointCheck, EndpointProblem } from './check';
export { createEndpointPool } from './pool';
export type { EndpointPool, EndpointStats, LeaseOutcome, PoolLease } from './pool';
export { fitWithinPixels, passthroughImageEncoder } from './images';
export { normalizeBaseUrl } from './url';
export { redact } from './failures';
export type { EndpointConfig, ImageEncoder, OpenAIBackendOptions, PoolHealthOptions, RetryOptions } from './types';
export { DEFAULT_HEALTH, DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './types';
