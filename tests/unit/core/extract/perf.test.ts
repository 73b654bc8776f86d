// Adversarial 1 MB outputs extract in linear time. The speed target (≤ 50 ms per shape) is measured by
// `npm run bench:core` (BENCH extract_adversarial_1mb_worst_ms), not here: a timed assertion fails on a loaded
// machine. This test catches the failure that matters — super-linear work — with a bound no linear scan misses
// and no quadratic one meets: a quadratic pass over 1 MB is ~10¹² steps (minutes), a linear one milliseconds.

import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../../src/core/extract';
import { ADVERSARIAL_SHAPES, ONE_MB } from './adversarial-shapes';
import { O4, YN } from './cases';

describe('extractAnswer on 1 MB adversarial outputs', () => {
  it.each(ADVERSARIAL_SHAPES)('%s', (_name, output, mode) => {
    expect(output.length).toBeGreaterThanOrEqual(ONE_MB);
    for (const options of [O4, YN]) {
      const t0 = performance.now();
      extractAnswer(output, options, mode);
      expect(performance.now() - t0).toBeLessThan(2000);
    }
  });
});
