// `npm run bench:classifier`: training the logistic-regression classifier on 2,000 × 1,536 features (gme's size)
// with 5-fold CV plus the final fit, and applying it with every embedding already cached (content hash, cache
// lookup, score, tag), in Node. Seeded synthetic vectors: the timing depends on the sizes, not on the values.
import {
  MemoryVectorCache,
  type ItemFeatures,
  type TrainingExample,
  cachedFeatures,
  itemContentHash,
  tagItems,
  trainClassifier,
} from '../src/core/classify';
import type { Item } from '../src/core/types';
import { mulberry32 } from '../tests/support/prng';

const N = 2000;
const DIM = 1536;
const APPLY_ITEMS = 50_000;

function vector(rnd: () => number, positive: boolean): Float32Array {
  const v = new Float32Array(DIM);
  let s = 0;
  for (let j = 0; j < DIM; j++) {
    const x = rnd() - 0.5 + (positive && j < 64 ? 0.15 : 0);
    v[j] = x;
    s += x * x;
  }
  const inv = 1 / Math.sqrt(s);
  for (let j = 0; j < DIM; j++) v[j] = (v[j] ?? 0) * inv;
  return v;
}

const rnd = mulberry32(1234);
const examples: TrainingExample[] = Array.from({ length: N }, (_, i) => {
  const positive = rnd() < 0.72;
  return {
    id: `MM-${i}`,
    label: positive ? 'reasoning' : 'understanding',
    contentHash: `h${i}`,
    vector: vector(rnd, positive),
  };
});

const cpuTrain = process.cpuUsage();
const t0 = performance.now();
const classifier = await trainClassifier(examples, {
  source: 'remote',
  name: 'synthetic-1536',
  variants: ['mm'],
  l2: 1e-3,
  folds: 5,
  seed: 1,
});
const trainMs = performance.now() - t0;
console.log(`BENCH classifier_train_ms ${trainMs.toFixed(0)} ms`);
const trainCpu = process.cpuUsage(cpuTrain);
console.log(`# train CPU time of this process: ${((trainCpu.user + trainCpu.system) / 1000).toFixed(0)} ms`);
console.log(`# cv auc ${classifier.cv.auc.toFixed(3)}, final fit ${classifier.model.iterations} iterations`);

const items: Item[] = Array.from({ length: APPLY_ITEMS }, (_, i) => ({
  id: `item-${i}`,
  benchmark: 'omnimedvqa',
  variant: 'open-access',
  question: `What does image ${i} show? A ${i % 7 === 0 ? 'long ' : ''}question text of ordinary length.`,
  options: [
    { letter: 'A', text: 'CT' },
    { letter: 'B', text: 'MRI' },
    { letter: 'C', text: 'X-ray' },
    { letter: 'D', text: 'Ultrasound' },
  ],
  answer: 'A',
  images: [{ path: `Images/x/${i}.png`, present: true }],
  meta: {},
}));
const pool = Array.from({ length: 256 }, (_, i) => vector(rnd, i % 3 !== 0));
const features: ItemFeatures = {
  source: 'remote',
  name: 'synthetic-1536',
  dim: DIM,
  features: async () => {
    throw new Error('the bench applies with every embedding cached');
  },
};
const cache = new MemoryVectorCache();
for (const [i, item] of items.entries()) {
  const hash = itemContentHash(item);
  await cache.set(`remote:synthetic-1536:${hash}`, pool[i % pool.length] ?? new Float32Array(DIM));
}
// warm-up pass (JIT), then the timed one
await tagItems(items.slice(0, 5000), classifier, features, { cache });
const cpu0 = process.cpuUsage();
const t1 = performance.now();
const tags = await tagItems(items, classifier, features, { cache });
const applyS = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(cpu0);
console.log(`BENCH classifier_apply_items_per_s ${(tags.length / applyS).toFixed(0)} items/s`);
// on a shared machine the wall clock counts other processes' time too
console.log(`# per CPU-second of this process: ${(tags.length / ((cpu.user + cpu.system) / 1e6)).toFixed(0)} items/s`);
// the same items with the content hashes already known (e.g. stored beside results): lookup + score only
const hashes = items.map((i) => itemContentHash(i));
const t2 = performance.now();
for (const [i, item] of items.entries()) await cachedFeatures(features, cache, item, hashes[i]);
console.log(`# cache lookups alone: ${(items.length / ((performance.now() - t2) / 1000)).toFixed(0)} items/s`);
