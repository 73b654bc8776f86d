// The web-llm worker: web-llm's own handler runs the MLCEngine here, off the page's thread. Created only by
// src/app/workers.ts; the page talks to it through CreateWebWorkerMLCEngine (src/backends/webllm/worker-facade.ts).
// A static import: the worker itself is started only when a web-llm model is chosen, and a handler that is
// installed late would miss the page's first message.
import { WebWorkerMLCEngineHandler } from '@mlc-ai/web-llm';

const handler = new WebWorkerMLCEngineHandler();
self.onmessage = (event: MessageEvent) => {
  handler.onmessage(event);
};
