// `--embeddings <text|remote:<url>[,<url>…]>` → item features, with a vector cache on disk when --cache-dir is given.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createRemoteEmbedder } from '../../backends/openai/embeddings';
import {
  type ImageReader,
  type ItemFeatures,
  MemoryVectorCache,
  TEXT_ITEM_FEATURES,
  type VectorCache,
  embedderFeatures,
} from '../../core/classify';
import { EvalError } from '../../core/errors';
import type { DatasetSource } from '../../core/ports';
import { type Parsed, optionalString } from '../args';
import { type CliIO, usageError } from '../io';

export const EMBEDDING_OPTIONS = {
  embeddings: { type: 'string' },
  'embed-model': { type: 'string' },
  'api-key-env': { type: 'string' },
  'cache-dir': { type: 'string' },
} as const;

/** gme's repo id: what vLLM serves it as unless --served-model-name says otherwise. */
export const GME_REPO = 'Alibaba-NLP/gme-Qwen2-VL-2B-Instruct';
// gme's default instruction, as the in-app embedder sends it (backends/transformers/gme-embedder.ts), so the served
// chat template in docs/remote-serving.md builds the same prompt
const GME_INSTRUCTION = 'You are a helpful assistant.';

function imageReader(source: DatasetSource): ImageReader {
  return async (item) => {
    const out: Uint8Array[] = [];
    for (const im of item.images) {
      if (im.bytes !== undefined) out.push(im.bytes);
      else if (im.present) out.push(await source.readBytes(im.path));
    }
    return out;
  };
}

export interface ChosenFeatures {
  features: ItemFeatures;
  /** Scrubs the API key out of anything printed. */
  apiKey: string | undefined;
}

export function chooseFeatures(command: string, p: Parsed, io: CliIO, source: DatasetSource): ChosenFeatures {
  const spec = optionalString(p, 'embeddings') ?? 'text';
  if (spec === 'text') return { features: TEXT_ITEM_FEATURES, apiKey: undefined };
  if (spec.startsWith('remote:')) {
    const urls = spec
      .slice('remote:'.length)
      .split(',')
      .filter((u) => u !== '');
    if (urls.length === 0) throw usageError(`${command}: --embeddings remote:<url> needs a server URL.`);
    const keyVar = optionalString(p, 'api-key-env');
    const apiKey = keyVar === undefined ? undefined : io.env[keyVar];
    if (keyVar !== undefined && (apiKey === undefined || apiKey === ''))
      throw usageError(`${command}: --api-key-env ${keyVar}: that environment variable is not set (or empty).`);
    const model = optionalString(p, 'embed-model') ?? GME_REPO;
    const embedder = createRemoteEmbedder({
      model,
      endpoints: urls.map((url) => ({ url, maxInFlight: 4 })),
      instruction: GME_INSTRUCTION,
      ...(apiKey !== undefined ? { apiKey } : {}),
    });
    return { features: embedderFeatures(embedder, 'remote', model, imageReader(source)), apiKey };
  }
  throw usageError(
    `${command}: --embeddings must be 'text' or 'remote:<url>' (got '${spec}'); gme in the browser is on the Classifier page.`,
  );
}

/** Vectors kept as <dir>/<source>/<name>/<hash>.f32 so a second apply or train computes nothing. */
export function fileVectorCache(dir: string): VectorCache {
  const pathOf = (key: string): string => {
    const parts = key.split(':');
    const hash = parts.pop() ?? '';
    return join(dir, ...parts.map((s) => s.replace(/[^A-Za-z0-9._-]+/g, '_')), `${hash}.f32`);
  };
  return {
    async get(key) {
      try {
        const buf = await readFile(pathOf(key));
        return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
      } catch {
        return undefined;
      }
    },
    async set(key, vector) {
      const path = pathOf(key);
      try {
        await mkdir(join(path, '..'), { recursive: true });
        await writeFile(path, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength));
      } catch (e) {
        throw new EvalError(
          'store/write',
          `cannot write the vector cache at ${path} (${String(e)}); check --cache-dir.`,
          e,
        );
      }
    },
  };
}

export function chooseCache(p: Parsed, io: CliIO): VectorCache {
  const dir = optionalString(p, 'cache-dir');
  return dir === undefined ? new MemoryVectorCache() : fileVectorCache(resolve(io.cwd, dir));
}
