// Page side of the web-llm worker, re-exported so src/app/workers.ts needs no backend import (as runtime.ts).
export { createWebLlmWorkerBackend, type WebLlmWorkerOptions } from '../src/backends/webllm/worker-facade';
export type { WebLlmBackend } from '../src/backends/webllm/backend';
export type { WebLlmModelRecord } from '../src/backends/webllm/engine';
