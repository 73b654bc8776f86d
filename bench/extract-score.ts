// Throughput of extraction + scoring on ~50,000 realistic model outputs (think blocks, 1–2 KB of
// reasoning, box variants, lenient shapes). Prints `BENCH extract_score_items_per_s <n> items/s`.

import { pathToFileURL } from 'node:url';
import { scoreOutput } from '../src/core/score';
import type { ExtractMode, Item, Option } from '../src/core/types';
import { mulberry32 } from '../tests/support/prng';

const ITEM_COUNT = 50_000;

const prng = mulberry32;

const opts = (...texts: string[]): Option[] => texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
const OPTION_SETS: Option[][] = [
  opts('Acute appendicitis', 'Mesenteric ischemia', 'Small bowel obstruction', 'Diverticulitis', 'Ovarian torsion'),
  opts('Pneumonia', 'Tuberculosis', 'Lung cancer', 'Normal'),
  opts('yes', 'no'),
  opts('Liver', 'Spleen'),
  opts('CT', 'MRI', 'X-ray', 'Ultrasound'),
];

const SENTENCES = [
  'The image shows a well-circumscribed hyperdense lesion in the right lower quadrant.',
  'There is no evidence of free air under the diaphragm, which argues against perforation.',
  'Given the patient history of fever and leukocytosis, an infectious process is likely.',
  'The surrounding fat stranding suggests local inflammation rather than a neoplasm.',
  'Comparing the options, only one is consistent with all of the radiological findings.',
  'We should also consider the differential diagnosis and exclude the common mimics.',
  'Wait, let me re-examine the contrast enhancement pattern in the arterial phase.',
  'The normal anatomy of the nodule-free parenchyma supports this interpretation.',
];

function reasoning(rand: () => number, targetChars: number): string {
  let s = '';
  while (s.length < targetChars) s += `${SENTENCES[Math.floor(rand() * SENTENCES.length)] ?? ''}\n`;
  return s;
}

function answerShape(rand: () => number, o: Option): string {
  const shapes = [
    `\\boxed{${o.letter}}`,
    `$\\boxed{${o.letter}}$`,
    `\\boxed{\\text{${o.letter}. ${o.text}}}`,
    `\\boxed{${o.text}}`,
    `\\boxed{\\textbf{(${o.letter})}}`,
    `\\fbox{${o.letter}}`,
    `\\boxed{A} wait, no: \\boxed{${o.letter}}`,
    `<answer>${o.letter}</answer>`,
    `Answer: ${o.letter}`,
    `The answer is (${o.letter}).`,
    `\n${o.letter}`,
    `\\boxed{${o.letter}`, // truncated
    'I cannot determine this from the image.',
  ];
  return shapes[Math.floor(rand() * shapes.length)] ?? '';
}

export interface BenchCase {
  item: Item;
  output: string;
  mode: ExtractMode;
}

export function buildBenchCases(count: number = ITEM_COUNT, seed = 7): BenchCase[] {
  const rand = prng(seed);
  const cases: BenchCase[] = [];
  for (let i = 0; i < count; i++) {
    const options = OPTION_SETS[i % OPTION_SETS.length] ?? [];
    const gold = options[Math.floor(rand() * options.length)] ?? { letter: 'A', text: '' };
    const item: Item = {
      id: `bench-${i}`,
      benchmark: 'medxpertqa',
      variant: 'bench',
      question: 'Q?',
      options,
      answer: gold.letter,
      images: [],
      meta: {},
    };
    const pickCorrect = rand() < 0.6;
    const chosen = pickCorrect ? gold : (options[Math.floor(rand() * options.length)] ?? gold);
    const body = reasoning(rand, 1000 + Math.floor(rand() * 1000));
    const think = rand() < 0.4 ? `<think>\n${reasoning(rand, 400)}\\boxed{B}?\n</think>\n` : '';
    const output = `${think}${body}${answerShape(rand, chosen)}`;
    cases.push({ item, output, mode: rand() < 0.7 ? 'paper' : 'lenient' });
  }
  return cases;
}

function scoreAll(cases: readonly BenchCase[]): number {
  let correct = 0;
  for (const c of cases) if (scoreOutput(c.item, c.output, c.mode).correct) correct++;
  return correct;
}

export async function runExtractScoreBench(): Promise<void> {
  const cases = buildBenchCases();
  const bytes = cases.reduce((n, c) => n + c.output.length, 0);
  scoreAll(cases.slice(0, 5_000)); // warm-up: let the JIT settle before timing
  let bestMs = Infinity;
  let correct = 0;
  for (let run = 0; run < 3; run++) {
    const t0 = performance.now();
    correct = scoreAll(cases);
    bestMs = Math.min(bestMs, performance.now() - t0);
  }
  const itemsPerS = Math.round(cases.length / (bestMs / 1000));
  console.log(
    `# ${cases.length} outputs, mean ${Math.round(bytes / cases.length)} chars, ${correct} correct, best of 3: ${bestMs.toFixed(1)} ms`,
  );
  console.log(`BENCH extract_score_items_per_s ${itemsPerS} items/s`);
  console.log(`BENCH extract_score_mb_per_s ${(bytes / 1e6 / (bestMs / 1000)).toFixed(1)} MB/s`);
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) await runExtractScoreBench();
