// Front door of answer extraction: output text → {extracted, letter, status}, deterministic, never a guess.
// Paper mode reads only the last box after </think>; lenient mode adds the fallbacks of lenient.ts.

import type { Extraction, ExtractMode, Option } from '../types';
import { answerRegion, findLastBox } from './boxed';
import { extractLenient, mapFound } from './lenient';

/** Stored with every result; bump it whenever any rule here can change an extraction. */
export const EXTRACTOR_VERSION = 'extract-v1';

export { answerRegion, findLastBox, MAX_BOX_CHARS, type BoxScan } from './boxed';
export { canonical, normaliseAnswer, unwrapLatex } from './normalise';
export { isYesNo, mapToLetter, type LetterMatch } from './letter';
export { extractLenient } from './lenient';
export { EXTRACT_STATUSES, EXTRACT_STATUS_CATALOGUE, PARSED_STATUSES, type ExtractStatus } from './statuses';

export function extractAnswer(output: string, options: readonly Option[], mode: ExtractMode = 'paper'): Extraction {
  const region = answerRegion(output);
  const box = findLastBox(region);
  if (box.kind === 'truncated') return { extracted: null, letter: null, status: 'truncated' };
  if (box.kind === 'box') {
    const found = mapFound(box.content, options, 'boxed');
    if (found.extracted !== '') return found;
    // An empty box (an echo of the instruction's "\boxed{}") holds no answer; lenient mode looks further.
  }
  if (mode === 'lenient') {
    const found = extractLenient(region, options);
    if (found !== null) return found;
  }
  return { extracted: box.kind === 'box' ? '' : null, letter: null, status: 'no_answer' };
}
