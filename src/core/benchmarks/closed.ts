// Closed questions (SLAKE, VQA-RAD) as multiple choice: yes/no answers get A. yes / B. no; either/or
// questions get the alternatives they name. Anything else cannot be scored as multiple choice.
import type { Option } from '../types';
import { deriveAlternatives, matchGold, optionsFromTexts, yesNoOf, yesNoOptions } from './options';

export type ClosedConversion = { options: Option[]; letter: string } | { problem: string; detail: string };

export function convertClosed(question: string, answer: string): ClosedConversion {
  const yn = yesNoOf(answer);
  if (yn !== null) return { options: yesNoOptions(), letter: yn === 'yes' ? 'A' : 'B' };
  const alternatives = deriveAlternatives(question);
  if (alternatives === null) {
    return {
      problem: 'options-underivable',
      detail: `answer ${JSON.stringify(answer)} is not yes/no and the question names no alternatives`,
    };
  }
  const options = optionsFromTexts(alternatives);
  const match = matchGold(options, answer, true);
  return 'letter' in match ? { options, letter: match.letter } : match;
}
