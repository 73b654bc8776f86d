// Remote embeddings (OpenAI-compatible /v1/embeddings with chat-style messages): the front door.
export { createRemoteEmbedder, DEFAULT_EMBEDDING_TIMEOUT_MS } from './client';
export type { RemoteEmbedder, RemoteEmbedderOptions } from './client';
export { parseEmbeddingBody } from './attempt';
