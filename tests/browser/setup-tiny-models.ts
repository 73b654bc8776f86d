// globalSetup of the browser project (runs in Node): writes the tiny models under tests/.generated and
// computes the Node reference (token ids, gme embedding, gme classifier tags) that the Chromium tests must reproduce.

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  configureTransformersEnv,
  createGmeEmbedder,
  createTransformersBackend,
} from '../../src/backends/transformers';
import { gmeInput, tinyRequest } from '../fixtures/tiny-models';
import { runGmeClassify } from '../fixtures/tiny-models/classify-run';
import { TINY_MODELS_DIR, writeTinyModels } from '../fixtures/tiny-models/write';
import { startStaticServer } from '../support/static-server';
import { MAX_NEW_TOKENS, REFERENCE_FILE, referenceKey, type TinyReference } from './tiny-reference';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A static server holding qwen2-vl as `broken/` with one onnx file missing (it answers 404 for it). */
    brokenModelHost: { url: string; missing: string };
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** Serves qwen2-vl minus its first onnx file, cross-origin: a user's model base URL with a file missing. */
async function brokenModelHost(project: TestProject): Promise<() => Promise<void>> {
  const dir = join(TINY_MODELS_DIR, 'qwen2-vl');
  const rels = filesUnder(dir);
  const missing = rels.find((r) => r.endsWith('.onnx')) ?? 'onnx/missing.onnx';
  const files: Record<string, Uint8Array> = {};
  for (const rel of rels) if (rel !== missing) files[`broken/${rel}`] = readFileSync(join(dir, rel));
  const server = await startStaticServer({ files });
  project.provide('brokenModelHost', { url: server.url, missing: `broken/${missing}` });
  return () => server.close();
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  writeTinyModels();
  const closeBroken = await brokenModelHost(project);
  configureTransformersEnv({ localModelPath: TINY_MODELS_DIR, allowRemoteModels: false });
  const reference: TinyReference = { generations: {}, gme: [], gmeClassify: null };
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
  reference.gmeClassify = await runGmeClassify(gme);
  await gme.dispose();
  writeFileSync(join(TINY_MODELS_DIR, REFERENCE_FILE), JSON.stringify(reference));
  return closeBroken;
}
