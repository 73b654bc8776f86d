// Front door of answer extraction: output text → {extracted, letter, status}, deterministic, never a guess.
// Paper mode reads only the last box after </think>; lenient mode adds the fallbacks of lenient.ts.
// explainAnswer gives the same extraction plus where in the output the deciding text was (the inspector marks it).

import type { Extraction, ExtractMode, Option } from '../types';
import { answerRegionStart, locateLastBox } from './boxed';
import { findLenient, mapFound } from './lenient';

/** Stored with every result; bump it whenever any rule here can change an extraction. */
export const EXTRACTOR_VERSION = 'extract-v1';

export { answerRegion, answerRegionStart, findLastBox, locateLastBox, MAX_BOX_CHARS, type BoxScan } from './boxed';
export { canonical, normaliseAnswer, unwrapLatex } from './normalise';
export { isYesNo, mapToLetter, type LetterMatch } from './letter';
export { extractLenient } from './lenient';
export { EXTRACT_STATUSES, EXTRACT_STATUS_CATALOGUE, PARSED_STATUSES, type ExtractStatus } from './statuses';

/** [start, end) in the whole output: the box's content, the tag's content, the answer line, the bare letter's line. */
export interface AnswerSpan {
  start: number;
  end: number;
}

/** An extraction and the span of the output it was read from (null when nothing was found). */
export interface ExplainedExtraction extends Extraction {
  span: AnswerSpan | null;
}

export function explainAnswer(
  output: string,
  options: readonly Option[],
  mode: ExtractMode = 'paper',
): ExplainedExtraction {
  const offset = answerRegionStart(output);
  const region = output.slice(offset);
  const box = locateLastBox(region);
  if (box.kind === 'truncated') {
    // The box's content runs to the end of the output: mark what there is of it.
    return {
      extracted: null,
      letter: null,
      status: 'truncated',
      span: { start: offset + box.start, end: output.length },
    };
  }
  if (box.kind === 'box') {
    const found = mapFound(region.slice(box.start, box.end), options, 'boxed');
    if (found.extracted !== '') return { ...found, span: { start: offset + box.start, end: offset + box.end } };
    // An empty box (an echo of the instruction's "\boxed{}") holds no answer; lenient mode looks further.
  }
  if (mode === 'lenient') {
    const found = findLenient(region);
    if (found !== null) {
      const span = { start: offset + found.start, end: offset + found.end };
      return { ...mapFound(found.raw, options, found.status), span };
    }
  }
  return { extracted: box.kind === 'box' ? '' : null, letter: null, status: 'no_answer', span: null };
}

export function extractAnswer(output: string, options: readonly Option[], mode: ExtractMode = 'paper'): Extraction {
  const { extracted, letter, status } = explainAnswer(output, options, mode);
  return { extracted, letter, status };
}
