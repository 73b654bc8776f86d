// The gme classifier path in headless Chromium (embed worker, wasm) gives the tags Node gave on the tiny gme
// model: same vectors within 1e-3, same classifier decisions, and the Node-trained file tags the Chromium vectors
// the same way.
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbedWorker } from '../../src/app/workers';
import { MemoryVectorCache, embedderFeatures, tagItems } from '../../src/core/classify';
import { classifyItems, runGmeClassify, type ClassifyRun } from '../fixtures/tiny-models/classify-run';
import { REFERENCE_FILE, TINY_MODELS_URL, type TinyReference } from './tiny-reference';
import { workerDebug } from './worker-debug';

let node: ClassifyRun;
beforeAll(async () => {
  const res = await fetch(`${TINY_MODELS_URL}${REFERENCE_FILE}`);
  expect(res.ok, 'reference.json is written by the browser globalSetup').toBe(true);
  const reference = (await res.json()) as TinyReference;
  expect(reference.gmeClassify, 'the globalSetup runs the gme classifier path in Node').not.toBeNull();
  if (reference.gmeClassify !== null) node = reference.gmeClassify;
});

describe('gme classifier path: Node vs Chromium (embed worker on wasm)', () => {
  it('gives the same tags, scores within 1e-3 and vectors within 1e-3', async () => {
    const debug = workerDebug();
    const embedder = await createEmbedWorker(
      { model: 'gme', device: 'wasm', localModelPath: TINY_MODELS_URL, allowRemoteModels: false },
      debug.hooks,
    );
    await embedder.load();
    const browser = await runGmeClassify(embedder);
    const maxVectorDiff = Math.max(
      ...browser.vectors.flatMap((v, i) => v.map((x, j) => Math.abs(x - (node.vectors[i]?.[j] ?? NaN)))),
    );
    expect(maxVectorDiff).toBeLessThan(1e-3);
    expect(browser.tags.map((t) => [t.id, t.tag])).toEqual(node.tags.map((t) => [t.id, t.tag]));
    browser.tags.forEach((t, i) => expect(Math.abs(t.score - (node.tags[i]?.score ?? NaN))).toBeLessThan(1e-3));
    // The classifier file trained in Node, applied to the Chromium embeddings: the same tags again.
    const features = embedderFeatures(embedder, 'gme', 'gme', async (item) =>
      item.images.flatMap((im) => (im.bytes === undefined ? [] : [im.bytes])),
    );
    const crossed = await tagItems(classifyItems(false), node.classifier, features, { cache: new MemoryVectorCache() });
    expect(crossed.map((t) => t.tag)).toEqual(node.tags.map((t) => t.tag));
    console.log(`gme classify Node vs Chromium: max |Δ vector| ${maxVectorDiff.toExponential(2)}`);
    await embedder.dispose();
  });
});
