// Adversarial 1 MB outputs extract in linear time: best of 3 runs under 50 ms for each shape.

import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../../../src/core/extract';
import type { ExtractMode } from '../../../../src/core/types';
import { O4, YN } from './cases';

const MB = 1 << 20;
const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

const SHAPES: ReadonlyArray<readonly [string, string, ExtractMode]> = [
  ['repeated \\boxed{ prefixes', fill('\\boxed{'), 'paper'],
  ['one box opening a million braces', `\\boxed{${fill('{')}`, 'lenient'],
  ['balanced huge box', `\\boxed{${fill(' ')}}`, 'lenient'],
  ['box commands without braces', fill('\\boxed \\fbox '), 'lenient'],
  ['prose with answer phrases on one line', fill('the answer is not clear, answer '), 'lenient'],
  ['many answer lines', fill('Answer: \n'), 'lenient'],
  ['answer tags without closers', fill('<answer>A '), 'lenient'],
  ['many answer tags, one closer', `${fill('<answer>A ')}</answer>`, 'lenient'],
  ['closers only', fill('</answer>'), 'lenient'],
  ['backslash-dense text', fill('\\{\\}\\b\\f'), 'lenient'],
  ['newlines only', fill('\n'), 'lenient'],
  ['think markers', fill('</think><think>\\boxed{'), 'paper'],
  ['reasoning then a box', `${fill('Step: the opacity suggests pneumonia.\n')}\\boxed{A}`, 'paper'],
  ['escape-heavy box', `\\boxed{${fill('\\{\\}')}}`, 'paper'],
];

function bestOfThreeMs(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

describe('extractAnswer on 1 MB adversarial outputs', () => {
  it.each(SHAPES)('%s', (_name, output, mode) => {
    expect(output.length).toBeGreaterThanOrEqual(MB);
    for (const options of [O4, YN]) {
      const ms = bestOfThreeMs(() => extractAnswer(output, options, mode));
      expect(ms).toBeLessThan(50);
    }
  });
});
