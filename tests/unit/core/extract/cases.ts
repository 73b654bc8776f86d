// Case table for answer extraction: shapes real models produce, each with the expected letter and status.
// Expected values are written by hand from the protocol's rules (§3), not produced by the extractor.

import type { ExtractMode, ExtractStatus, Option } from '../../../../src/core/types';

export interface ExtractCase {
  name: string;
  output: string;
  options: readonly Option[];
  mode: ExtractMode;
  expectedLetter: string | null;
  expectedStatus: ExtractStatus;
}

const opts = (...texts: string[]): Option[] => texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));

/** MedXpertQA: always five options. */
export const O5 = opts(
  'Acute appendicitis',
  'Mesenteric ischemia',
  'Small bowel obstruction',
  'Diverticulitis',
  'Ovarian torsion',
);
/** PMC-VQA / OmniMedVQA: four options. */
export const O4 = opts('Pneumonia', 'Tuberculosis', 'Lung cancer', 'Normal');
/** PathVQA / VQA-RAD / SLAKE closed yes/no. */
export const YN = opts('yes', 'no');
/** SLAKE either/or. */
export const EO = opts('Liver', 'Spleen');
export const LR = opts('Left lung', 'Right lung');
/** Options where one text contains another. */
export const NESTED = opts('Pneumonia', 'Bacterial pneumonia', 'Viral pneumonia', 'Pleural effusion');
/** MMMU: up to nine options. */
export const O7 = opts('10 mg', '20 mg', '30 mg', '40 mg', '50 mg', '60 mg', '70 mg');

const THINK = '<think>\nThe image shows a consolidation in the right lower lobe. Let me weigh the options.\n</think>\n';
const REASONING =
  'Step 1: The radiograph shows a dense opacity with air bronchograms.\n' +
  'Step 2: There is no cavitation, which argues against tuberculosis.\n' +
  'Step 3: The clinical picture (fever, cough) fits an infectious process.\n';
const LONG = REASONING.repeat(400); // ~80 KB of reasoning

type Row = [
  name: string,
  output: string,
  options: readonly Option[],
  mode: ExtractMode,
  letter: string | null,
  status: ExtractStatus,
];

const rows: Row[] = [
  // --- plain boxes
  ['lone letter box', 'So \\boxed{B}', O4, 'paper', 'B', 'boxed'],
  ['lone letter box, 5 options', `${REASONING}Final: \\boxed{E}`, O5, 'paper', 'E', 'boxed'],
  ['lowercase letter', '\\boxed{c}', O4, 'paper', 'C', 'boxed'],
  ['lowercase letter with dot', '\\boxed{d.}', O4, 'paper', 'D', 'boxed'],
  ['box with spaces inside', '\\boxed{  A  }', O4, 'paper', 'A', 'boxed'],
  ['space before brace', '\\boxed {C}', O4, 'paper', 'C', 'boxed'],
  ['fbox', 'The answer: \\fbox{D}', O4, 'paper', 'D', 'boxed'],
  ['fbox after boxed wins', '\\boxed{A} then \\fbox{B}', O4, 'paper', 'B', 'boxed'],
  ['boxed after fbox wins', '\\fbox{A} then \\boxed{C}', O4, 'paper', 'C', 'boxed'],
  ['dollar-wrapped box', 'Thus $\\boxed{A}$.', O4, 'paper', 'A', 'boxed'],
  ['display-math box', '\\[\n\\boxed{B}\n\\]', O4, 'paper', 'B', 'boxed'],
  ['inline math inside box', '\\boxed{$C$}', O4, 'paper', 'C', 'boxed'],
  ['text wrapper', '\\boxed{\\text{D}}', O4, 'paper', 'D', 'boxed'],
  ['nested text/textbf', '\\boxed{\\text{\\textbf{B}}}', O4, 'paper', 'B', 'boxed'],
  ['mathrm wrapper', '\\boxed{\\mathrm{A}}', O4, 'paper', 'A', 'boxed'],
  ['mathbf wrapper', '\\boxed{\\mathbf{C}}', O4, 'paper', 'C', 'boxed'],
  ['deeply nested wrappers', '\\boxed{\\text{\\mathbf{\\textbf{\\mathrm{E}}}}}', O5, 'paper', 'E', 'boxed'],
  ['parenthesised letter', '\\boxed{(B)}', O4, 'paper', 'B', 'boxed'],
  ['bracketed letter', '\\boxed{[D]}', O4, 'paper', 'D', 'boxed'],
  ['markdown bold in box', '\\boxed{**C**}', O4, 'paper', 'C', 'boxed'],
  ['letter with closing paren', '\\boxed{A)}', O4, 'paper', 'A', 'boxed'],
  ['Answer: prefix in box', '\\boxed{Answer: B}', O4, 'paper', 'B', 'boxed'],
  ['Option prefix in box', '\\boxed{Option C}', O4, 'paper', 'C', 'boxed'],
  ['Option with parens', '\\boxed{\\text{Option (D)}}', O4, 'paper', 'D', 'boxed'],
  ['trailing punctuation', '\\boxed{A.}', O4, 'paper', 'A', 'boxed'],
  ['fullwidth letter', '\\boxed{Ｂ}', O4, 'paper', 'B', 'boxed'],
  ['escaped braces inside box', '\\boxed{\\{C\\}}', O4, 'paper', 'C', 'boxed'],
  // --- letter with option text
  ['letter dot text', '\\boxed{B. Tuberculosis}', O4, 'paper', 'B', 'boxed'],
  ['letter dot text, wrong text is ambiguous', '\\boxed{B. Pneumonia}', O4, 'paper', null, 'ambiguous'],
  ['letter paren text', '\\boxed{(C) Lung cancer}', O4, 'paper', 'C', 'boxed'],
  ['letter colon text', '\\boxed{D: Normal}', O4, 'paper', 'D', 'boxed'],
  ['letter space text', '\\boxed{A Pneumonia}', O4, 'paper', 'A', 'boxed'],
  ['letter with paraphrased text', '\\boxed{B. Mycobacterial infection}', O4, 'paper', 'B', 'boxed'],
  ['text wrapper around letter and text', '\\boxed{\\text{C. Small bowel obstruction}}', O5, 'paper', 'C', 'boxed'],
  ['yes/no letter with text', '\\boxed{B. no}', YN, 'paper', 'B', 'boxed'],
  ['yes/no letter with the other text', '\\boxed{A. no}', YN, 'paper', null, 'ambiguous'],
  ['e.g. is not a letter', '\\boxed{e.g. diverticulitis}', O5, 'paper', 'D', 'boxed'],
  ['article is not a letter', '\\boxed{a tuberculosis}', O4, 'paper', 'B', 'boxed'],
  // --- option text only
  ['option text only', '\\boxed{Tuberculosis}', O4, 'paper', 'B', 'boxed'],
  ['option text, other case', '\\boxed{LUNG CANCER}', O4, 'paper', 'C', 'boxed'],
  ['option text with trailing period', '\\boxed{Mesenteric ischemia.}', O5, 'paper', 'B', 'boxed'],
  ['option text in text wrapper', '\\boxed{\\text{Ovarian torsion}}', O5, 'paper', 'E', 'boxed'],
  ['option text contained in a sentence', '\\boxed{The diagnosis is diverticulitis}', O5, 'paper', 'D', 'boxed'],
  ['fragment of one option text', '\\boxed{torsion}', O5, 'paper', 'E', 'boxed'],
  ['two option texts named', '\\boxed{Pneumonia or tuberculosis}', O4, 'paper', null, 'ambiguous'],
  ['nested option texts: most specific named', '\\boxed{bacterial pneumonia}', NESTED, 'paper', 'B', 'boxed'],
  ['nested option texts in a sentence', '\\boxed{likely a bacterial pneumonia}', NESTED, 'paper', 'B', 'boxed'],
  [
    'fragment shared by two options',
    '\\boxed{pneumonia}',
    opts('Bacterial pneumonia', 'Viral pneumonia'),
    'paper',
    null,
    'ambiguous',
  ],
  ['text that matches nothing', '\\boxed{Sarcoidosis}', O4, 'paper', null, 'unmatched'],
  ['numeric option text', '\\boxed{30 mg}', O7, 'paper', 'C', 'boxed'],
  ['MMMU letter G', '\\boxed{G}', O7, 'paper', 'G', 'boxed'],
  // --- SLAKE either/or
  ['either/or text', '\\boxed{Spleen}', EO, 'paper', 'B', 'boxed'],
  ['either/or lowercase', '\\boxed{liver}', EO, 'paper', 'A', 'boxed'],
  ['either/or fragment', '\\boxed{left}', LR, 'paper', 'A', 'boxed'],
  ['either/or in a phrase', '\\boxed{the right lung}', LR, 'paper', 'B', 'boxed'],
  ['either/or both named', '\\boxed{liver and spleen}', EO, 'paper', null, 'ambiguous'],
  // --- yes/no
  ['yes', '\\boxed{yes}', YN, 'paper', 'A', 'boxed'],
  ['Yes capitalised', '\\boxed{Yes}', YN, 'paper', 'A', 'boxed'],
  ['No.', '\\boxed{No.}', YN, 'paper', 'B', 'boxed'],
  ['NO', '\\boxed{NO}', YN, 'paper', 'B', 'boxed'],
  ['no in text wrapper', '\\boxed{\\text{no}}', YN, 'paper', 'B', 'boxed'],
  ['yes/no letter', '\\boxed{B}', YN, 'paper', 'B', 'boxed'],
  ['normal is not no', '\\boxed{normal}', YN, 'paper', null, 'unmatched'],
  ['nodule is not no', '\\boxed{nodule}', YN, 'paper', null, 'unmatched'],
  ['none is not no', '\\boxed{none}', YN, 'paper', null, 'unmatched'],
  ['yesterday is not yes', '\\boxed{yesterday}', YN, 'paper', null, 'unmatched'],
  ['no as a whole word in a phrase', '\\boxed{No, there is no fracture}', YN, 'paper', 'B', 'boxed'],
  ['yes and no both', '\\boxed{yes and no}', YN, 'paper', null, 'ambiguous'],
  ['yes/no: F out of range', '\\boxed{F}', YN, 'paper', null, 'unmatched'],
  // --- several boxes, last wins
  ['two boxes, last wins', 'First guess \\boxed{A}; on reflection \\boxed{C}.', O4, 'paper', 'C', 'boxed'],
  ['A or B boxes: last box', '\\boxed{A} or \\boxed{B}', O4, 'paper', 'B', 'boxed'],
  ['box in box: inner is last', '\\boxed{\\boxed{D}}', O4, 'paper', 'D', 'boxed'],
  ['empty box after a real one', '\\boxed{B} and later \\boxed{}', O4, 'paper', null, 'no_answer'],
  ['boxed without brace ignored', '\\boxed{C} mention of \\boxed alone', O4, 'paper', 'C', 'boxed'],
  // --- multiple letters
  ['A and C', '\\boxed{A and C}', O4, 'paper', null, 'ambiguous'],
  ['A, C', '\\boxed{A, C}', O4, 'paper', null, 'ambiguous'],
  ['A/B', '\\boxed{A/B}', O4, 'paper', null, 'ambiguous'],
  ['A or B in one box', '\\boxed{A or B}', O4, 'paper', null, 'ambiguous'],
  ['B and B', '\\boxed{B and B}', O4, 'paper', 'B', 'boxed'],
  ['letter then "and C are correct"', '\\boxed{A and C are both correct}', O4, 'paper', null, 'ambiguous'],
  // --- out of range / empty
  ['F on a 4-option item', '\\boxed{F}', O4, 'paper', null, 'unmatched'],
  ['lowercase f out of range', '\\boxed{f}', O4, 'paper', null, 'unmatched'],
  ['empty box', 'I will answer \\boxed{}', O4, 'paper', null, 'no_answer'],
  ['whitespace-only box', '\\boxed{   \n }', O4, 'paper', null, 'no_answer'],
  ['box with only punctuation', '\\boxed{.}', O4, 'paper', null, 'no_answer'],
  ['box with a number on a lettered item', '\\boxed{42}', O4, 'paper', null, 'unmatched'],
  // --- truncation
  ['truncated box', `${REASONING}Therefore \\boxed{B. Tubercul`, O4, 'paper', null, 'truncated'],
  ['truncated nested box', '\\boxed{\\text{C', O4, 'paper', null, 'truncated'],
  ['complete box then truncated box', '\\boxed{A} ... \\boxed{', O4, 'paper', null, 'truncated'],
  ['truncated box in lenient mode', 'Answer: A\n\\boxed{B', O4, 'lenient', null, 'truncated'],
  // --- think blocks
  ['box after think', `${THINK}The answer is \\boxed{A}.`, O4, 'paper', 'A', 'boxed'],
  ['box in think and another after', '<think>maybe \\boxed{B}</think>\nFinal: \\boxed{A}', O4, 'paper', 'A', 'boxed'],
  ['box only inside think', '<think>maybe \\boxed{B}</think>\nI am not sure.', O4, 'paper', null, 'no_answer'],
  ['truncated box inside think, good box after', '<think>\\boxed{B</think>\\boxed{C}', O4, 'paper', 'C', 'boxed'],
  [
    'two think blocks: after the last',
    '<think>a</think>\\boxed{A}<think>b</think>\\boxed{D}',
    O4,
    'paper',
    'D',
    'boxed',
  ],
  ['unclosed think: whole text', '<think>still thinking \\boxed{B}', O4, 'paper', 'B', 'boxed'],
  ['think then answer tag (lenient)', `${THINK}<answer>C</answer>`, O4, 'lenient', 'C', 'tagged'],
  ['think then answer tag (paper)', `${THINK}<answer>C</answer>`, O4, 'paper', null, 'no_answer'],
  // --- lenient shapes
  ['answer tag', '<answer>C</answer>', O4, 'lenient', 'C', 'tagged'],
  ['answer tag uppercase', '<ANSWER>B. Tuberculosis</ANSWER>', O4, 'lenient', 'B', 'tagged'],
  ['answer tag with text', 'reasoning...\n<answer>Lung cancer</answer>', O4, 'lenient', 'C', 'tagged'],
  ['answer tag ignored in paper mode', '<answer>C</answer>', O4, 'paper', null, 'no_answer'],
  ['box beats answer tag in lenient', '<answer>C</answer> \\boxed{A}', O4, 'lenient', 'A', 'boxed'],
  ['empty answer tag falls through', '<answer> </answer>\nAnswer: D', O4, 'lenient', 'D', 'answer-line'],
  ['Answer: X last line', `${REASONING}Answer: D`, O4, 'lenient', 'D', 'answer-line'],
  ['Answer: X in paper mode', `${REASONING}Answer: D`, O4, 'paper', null, 'no_answer'],
  ['The answer is (D).', 'The answer is (D).', O4, 'lenient', 'D', 'answer-line'],
  ['the answer is text', 'So the answer is tuberculosis.', O4, 'lenient', 'B', 'answer-line'],
  ['bold Final Answer', '**Final Answer:** C', O4, 'lenient', 'C', 'answer-line'],
  ['last answer line wins', 'Answer: A\nWait, re-check.\nAnswer: B', O4, 'lenient', 'B', 'answer-line'],
  [
    'two answer phrases on one line',
    'I thought the answer is A, but the answer is C',
    O4,
    'lenient',
    'C',
    'answer-line',
  ],
  [
    'answer line then trailing prose',
    'Answer: B\nThis is consistent with the findings.',
    O4,
    'lenient',
    'B',
    'answer-line',
  ],
  [
    'answer line with a reason after a comma',
    'So the answer is A, because the lesion enhances.',
    O4,
    'lenient',
    'A',
    'answer-line',
  ],
  ['box with letter, comma, reason', '\\boxed{C, given the mass}', O4, 'paper', 'C', 'boxed'],
  ['box with letter, comma, second letter', '\\boxed{A, B and C}', O4, 'paper', null, 'ambiguous'],
  ['letter, then an article is not a second letter', '\\boxed{B. A cavitating lesion}', O4, 'paper', 'B', 'boxed'],
  ['answer line that maps to nothing', 'Answer: sarcoidosis', O4, 'lenient', null, 'unmatched'],
  ['answer line, yes/no', 'Answer: No', YN, 'lenient', 'B', 'answer-line'],
  ['answer line, normal is not no', 'Answer: normal', YN, 'lenient', null, 'unmatched'],
  ['empty box, then answer line (lenient)', 'Put it in \\boxed{}.\nAnswer: B', O4, 'lenient', 'B', 'answer-line'],
  ['bare final letter', `${REASONING}\nB`, O4, 'lenient', 'B', 'bare'],
  ['bare bold letter', `${REASONING}\n**C**\n`, O4, 'lenient', 'C', 'bare'],
  ['bare letter with paren', 'Considering all:\n(D)', O4, 'lenient', 'D', 'bare'],
  ['bare letter in paper mode', `${REASONING}\nB`, O4, 'paper', null, 'no_answer'],
  ['bare out-of-range letter', 'Thinking...\nF', O4, 'lenient', null, 'unmatched'],
  ['bare letter inside prose is not bare', 'I pick B because it fits.', O4, 'lenient', null, 'no_answer'],
  // --- refusals and nothing
  [
    'refusal',
    'I cannot determine the answer from this image without more clinical information.',
    O4,
    'paper',
    null,
    'no_answer',
  ],
  ['refusal (lenient)', 'I cannot determine the answer from this image.', O4, 'lenient', null, 'no_answer'],
  ['empty output', '', O4, 'paper', null, 'no_answer'],
  ['empty output (lenient)', '', O4, 'lenient', null, 'no_answer'],
  ['only whitespace', '   \n\n  ', O4, 'lenient', null, 'no_answer'],
  // --- non-English
  ['Chinese with box', '根据影像表现，答案是 \\boxed{C}', O4, 'paper', 'C', 'boxed'],
  ['Chinese answer line', '综上所述。\n答案：B', O4, 'lenient', 'B', 'answer-line'],
  ['Chinese answer is', '所以答案是D', O4, 'lenient', 'D', 'answer-line'],
  ['Chinese answer prefix in box', '\\boxed{答案：A}', O4, 'paper', 'A', 'boxed'],
  ['Chinese option text', '\\boxed{肝脏}', opts('肝脏', '脾脏'), 'paper', 'A', 'boxed'],
  ['fullwidth colon', '\\boxed{B：Tuberculosis}', O4, 'paper', 'B', 'boxed'],
  // --- markdown
  ['markdown bold letter in box', 'Final: \\boxed{**B**}', O4, 'paper', 'B', 'boxed'],
  ['markdown bold outside box, no box (paper)', 'The answer is **B**', O4, 'paper', null, 'no_answer'],
  ['markdown bold answer line (lenient)', 'The answer is **B**', O4, 'lenient', 'B', 'answer-line'],
  ['italic letter', '\\boxed{*A*}', O4, 'paper', 'A', 'boxed'],
  // --- long outputs
  ['very long reasoning then box', `${THINK}${LONG}\\boxed{B}`, O4, 'paper', 'B', 'boxed'],
  ['very long reasoning, no box', `${LONG}`, O4, 'paper', null, 'no_answer'],
  ['very long reasoning, answer line (lenient)', `${LONG}Answer: C`, O4, 'lenient', 'C', 'answer-line'],
  ['very long box content', `\\boxed{${'x'.repeat(5000)}}`, O4, 'paper', null, 'unmatched'],
  ['long output truncated mid-box', `${LONG}\\boxed{\\text{Lung ca`, O4, 'paper', null, 'truncated'],
];

export const EXTRACT_CASES: readonly ExtractCase[] = rows.map(
  ([name, output, options, mode, expectedLetter, expectedStatus]) => ({
    name,
    output,
    options,
    mode,
    expectedLetter,
    expectedStatus,
  }),
);
