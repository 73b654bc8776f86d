// The classify worker in headless Chromium: a classifier file trained off the page is byte for byte the one the
// core trains on the page from the same examples (CV, threshold, weights), and the page keeps running meanwhile.
import { describe, expect, it } from 'vitest';
import { trainInWorker } from '../../src/app/job-workers';
import { serializeClassifierFile, trainClassifier, type TrainingExample } from '../../src/core/classify';

function examples(n: number, dim: number): TrainingExample[] {
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: n }, (_, i) => {
    const reasoning = i % 4 !== 0;
    const vector = Float32Array.from({ length: dim }, (_, j) => rand() + (j < 4 && reasoning ? 0.6 : 0));
    return {
      id: `x${i}`,
      label: reasoning ? 'reasoning' : 'understanding',
      contentHash: `${i}`.padStart(64, '0'),
      vector,
    };
  });
}

describe('classify worker', () => {
  it('trains the same classifier file as the page would, without blocking it', async () => {
    const ex = examples(400, 64);
    const opts = { source: 'gme' as const, name: 'fake', variants: ['mm'], l2: 1e-3, folds: 5, seed: 3 };
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 5);
    const inWorker = await trainInWorker(ex, opts);
    clearInterval(timer);
    const onPage = await trainClassifier(ex, opts);
    expect(serializeClassifierFile(inWorker)).toBe(serializeClassifierFile(onPage));
    expect(inWorker.cv.auc).toBeGreaterThan(0.8);
    expect(ticks).toBeGreaterThan(0);
  });
});
