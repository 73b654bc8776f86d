// The worst of 14 adversarial 1 MB outputs (tests/unit/core/extract/adversarial-shapes.ts), best of 3 runs each:
// `BENCH extract_adversarial_1mb_worst_ms` (target ≤ 50 ms).
import { extractAnswer } from '../src/core/extract';
import { ADVERSARIAL_SHAPES } from '../tests/unit/core/extract/adversarial-shapes';
import { O4, YN } from '../tests/unit/core/extract/cases';

export function runExtractAdversarialBench(): void {
  let worst = 0;
  let worstName = '';
  for (const [name, output, mode] of ADVERSARIAL_SHAPES) {
    for (const options of [O4, YN]) {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        extractAnswer(output, options, mode);
        best = Math.min(best, performance.now() - t0);
      }
      if (best > worst) [worst, worstName] = [best, name];
    }
  }
  console.log(`worst shape: ${worstName}`);
  console.log(`BENCH extract_adversarial_1mb_worst_ms ${worst.toFixed(1)} ms`);
}
