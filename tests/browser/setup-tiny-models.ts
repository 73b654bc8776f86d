// globalSetup of the browser project (runs in Node): writes the tiny models under tests/.generated and
// computes the Node reference (token ids, gme embedding) that the Chromium tests must reproduce.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  configureTransformersEnv,
  createGmeEmbedder,
  createTransformersBackend,
} from '../../src/backends/transformers';
import { gmeInput, tinyRequest } from '../fixtures/tiny-models';
import { TINY_MODELS_DIR, writeTinyModels } from '../fixtures/tiny-models/write';
import { MAX_NEW_TOKENS, REFERENCE_FILE, referenceKey, type TinyReference } from './tiny-reference';

export default async function setup(): Promise<void> {
  writeTinyModels();
  configureTransformersEnv({ localModelPath: TINY_MODELS_DIR, allowRemoteModels: false });
  const reference: TinyReference = { generations: {}, gme: [] };
  for (const family of ['qwen2-vl', 'qwen2.5-vl'] as const) {
    const backend = createTransformersBackend({ model: family, device: 'cpu', dtype: 'fp32' });
    await backend.load();
    for (const kind of ['single', 'multi'] as const) {
      const r = await backend.generate(tinyRequest(kind, MAX_NEW_TOKENS));
      reference.generations[referenceKey(family, kind)] = {
        promptTokens: r.promptTokens,
        outputTokenIds: r.outputTokenIds,
      };
    }
    await backend.dispose();
  }
  const gme = createGmeEmbedder({ model: 'gme', device: 'cpu', dtype: 'fp32' });
  await gme.load();
  reference.gme = Array.from(await gme.embed(gmeInput()));
  await gme.dispose();
  writeFileSync(join(TINY_MODELS_DIR, REFERENCE_FILE), JSON.stringify(reference));
}
