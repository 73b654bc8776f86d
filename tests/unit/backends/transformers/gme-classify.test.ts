// The gme classifier path in Node on the tiny generated gme model: embed → train → tag is deterministic and uses
// the images (the Chromium side, tests/browser/gme-classify.test.ts, must reproduce these tags).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGmeEmbedder, type GmeEmbedder } from '../../../../src/backends/transformers';
import { classifyItems, runGmeClassify } from '../../../fixtures/tiny-models/classify-run';
import { useTinyModels } from './node-env';

beforeAll(useTinyModels);

describe('gme classify on Node cpu (tiny model)', () => {
  let embedder: GmeEmbedder;
  beforeAll(async () => {
    embedder = createGmeEmbedder({ model: 'gme', device: 'cpu', dtype: 'fp32' });
    await embedder.load();
  });
  afterAll(() => embedder.dispose());

  it('trains a gme classifier file and tags every item, the same way twice', async () => {
    const a = await runGmeClassify(embedder);
    expect(a.classifier.embedding).toEqual({ source: 'gme', name: 'gme', dim: 32 });
    expect(a.classifier.training.n).toBe(8);
    expect(a.vectors).toHaveLength(8);
    for (const v of a.vectors) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    // Eight different texts and images: eight different vectors.
    expect(new Set(a.vectors.map((v) => v.join(','))).size).toBe(8);
    expect(a.tags.map((t) => t.id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7']);
    console.log(`tiny gme tags: ${a.tags.map((t) => `${t.tag[0]}${t.score.toFixed(3)}`).join(' ')}`);
    // A training-set fit on 8 points in 32 dimensions separates them, with margins wide enough that the Chromium
    // comparison (vectors within 1e-3) is a real check of the tags, not a coin toss at the threshold.
    expect(a.tags.map((t) => t.tag)).toEqual(classifyItems(true).map((i) => i.tag));
    for (const t of a.tags) expect(Math.abs(t.score - a.classifier.model.threshold)).toBeGreaterThan(0.05);
    const b = await runGmeClassify(embedder);
    expect(b).toEqual(a);
  });
});
