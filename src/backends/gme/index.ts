// The gme-Qwen2-VL embedder (Embedder port) and its content-hash embedding cache.

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
