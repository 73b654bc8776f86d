// 1 MB outputs shaped to make a careless extractor backtrack or rescan: shared by the linear-time test and
// bench:core's adversarial figure.
import type { ExtractMode } from '../../../../src/core/types';

const MB = 1 << 20;
export const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
export const ONE_MB = MB;

export const ADVERSARIAL_SHAPES: ReadonlyArray<readonly [string, string, ExtractMode]> = [
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
