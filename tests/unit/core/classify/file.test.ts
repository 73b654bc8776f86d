// The classifier file at the edge: the shipped file passes the schema, a damaged one is refused with the field,
// serialisation round-trips, and applying it follows its weights and threshold (gold labels kept).
import { describe, expect, it } from 'vitest';
import {
  MemoryVectorCache,
  TEXT_ITEM_FEATURES,
  itemTextFeatures,
  parseClassifierFile,
  scoreVector,
  serializeClassifierFile,
  tagItems,
} from '../../../../src/core/classify';
import { shippedTextClassifier } from '../../../../src/core/classify/shipped';
import { isEvalError } from '../../../../src/core/errors';
import type { Item } from '../../../../src/core/types';

function item(id: string, question: string, over: Partial<Item> = {}): Item {
  return {
    id,
    benchmark: 'vqa-rad',
    variant: 'yesno',
    question,
    options: [
      { letter: 'A', text: 'yes' },
      { letter: 'B', text: 'no' },
    ],
    answer: 'A',
    images: [{ path: 'a.png', present: true }],
    meta: {},
    ...over,
  };
}

describe('classifier file', () => {
  const c = shippedTextClassifier();

  it('the shipped file is a text classifier with its CV report', () => {
    expect(c.embedding).toEqual({ source: 'text', name: 'hashed-ngrams-v1', dim: 16384 });
    expect(c.model.weights.length).toBe(16384);
    expect(c.cv.auc).toBeGreaterThan(0.79);
    expect(c.cv.n).toBe(c.training.n);
  });

  it('round-trips through its text and refuses damage with the field and what to do', () => {
    expect(parseClassifierFile(serializeClassifierFile(c), 'c.json')).toEqual(c);
    const damaged = { ...c, model: { ...c.model, threshold: 2 } };
    let err: unknown;
    try {
      parseClassifierFile(JSON.stringify(damaged), 'c.json');
    } catch (e) {
      err = e;
    }
    expect(isEvalError(err) && err.code).toBe('config/classifier');
    expect(String((err as Error).message)).toMatch(/c\.json .*model\.threshold.*classify train/);
    expect(() =>
      parseClassifierFile(JSON.stringify({ ...c, model: { ...c.model, weights: [1, 2] } }), 'c.json'),
    ).toThrow(/2 weights for embedding dimension 16384/);
    expect(() => parseClassifierFile('{', 'c.json')).toThrow(/not JSON/);
  });

  it('tags by score ≥ threshold, keeps gold labels, and reuses cached vectors', async () => {
    const items = [
      item('1', 'Is there a fracture?'),
      item(
        '2',
        'A 54-year-old man presents with fever and a productive cough for 3 days after returning from travel. What is the most likely diagnosis and the next best step in management?',
      ),
      item('3', 'Is the lesion benign?', { benchmark: 'medxpertqa', tag: 'reasoning', tagSource: 'gold' }),
    ];
    const cache = new MemoryVectorCache();
    let computed = 0;
    const counting = { ...TEXT_ITEM_FEATURES, features: async (i: Item) => (computed++, itemTextFeatures(i)) };
    const tags = await tagItems(items, c, counting, { cache });
    for (const [k, t] of tags.entries()) {
      const p = scoreVector(c, itemTextFeatures(items[k] as Item));
      expect(t.score).toBeCloseTo(p, 6);
      expect(t.classifier).toBe(c.id);
      if (k < 2) expect(t.tag).toBe(p >= c.model.threshold ? 'reasoning' : 'understanding');
    }
    expect(tags[2]).toMatchObject({ tag: 'reasoning', source: 'gold' });
    expect(computed).toBe(3);
    const again = await tagItems(items, c, counting, { cache });
    expect(computed).toBe(3);
    expect(again).toEqual(tags);
  });
});
