// The CLI's items, score and tables commands, in-process over the real VQA-RAD sample and on bad input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIO } from '../../support/cli-io';
import { describeShared, REPO_ROOT, sharedPath } from '../../support/shared-datasets';

interface RawVqaRad {
  qid: number | string;
  phrase_type: string;
  answer: string | number;
}

/** Independent derivation of the yes/no test split: test phrase types, answer yes/no. */
function expectedVqaRad(): Map<string, string> {
  const raw = JSON.parse(readFileSync(sharedPath('vqa-rad', 'VQA_RAD Dataset Public.json'), 'utf8')) as RawVqaRad[];
  const gold = new Map<string, string>();
  for (const r of raw) {
    const a = String(r.answer).trim().toLowerCase();
    if ((r.phrase_type === 'test_freeform' || r.phrase_type === 'test_para') && (a === 'yes' || a === 'no'))
      gold.set(String(r.qid), a === 'yes' ? 'A' : 'B');
  }
  return gold;
}

describeShared('CLI on the real VQA-RAD sample', () => {
  const data = sharedPath('vqa-rad');

  it('items prints one JSON line per kept item with the gold letter, and the load report on stderr', async () => {
    const io = captureIO(REPO_ROOT);
    expect(await main(['items', '--benchmark', 'vqa-rad', '--data', data], io)).toBe(0);
    const lines = io
      .out()
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            id: string;
            answer: string;
            options: { letter: string; text: string }[];
            images: string[];
          },
      );
    const gold = expectedVqaRad();
    expect(lines.length).toBe(gold.size);
    for (const l of lines) {
      expect(l.answer).toBe(gold.get(l.id));
      expect(l.options).toEqual([
        { letter: 'A', text: 'yes' },
        { letter: 'B', text: 'no' },
      ]);
      expect(l.images.length).toBe(1);
    }
    expect(io.err()).toMatch(new RegExp(`${gold.size} kept`));
  });

  it('score computes accuracy from stored outputs and writes a results file that tables reads', async () => {
    const gold = expectedVqaRad();
    const dir = mkdtempSync(join(tmpdir(), 'medvlm-cli-'));
    const ids = [...gold.keys()];
    // Every third answer is wrong, every fifth has no box: expected numbers follow from the script.
    let expectCorrect = 0;
    const preds = ids.map((id, i) => {
      const g = gold.get(id) ?? 'A';
      const wrong = g === 'A' ? 'B' : 'A';
      if (i % 5 === 0) return { id, output: `Looking at the image.\nAnswer: ${g === 'A' ? 'yes' : 'no'}` };
      const letter = i % 3 === 0 ? wrong : g;
      if (letter === g) expectCorrect++;
      return { id, output: `<think>look</think> The answer is \\boxed{${letter === 'A' ? 'yes' : 'no'}}` };
    });
    writeFileSync(join(dir, 'preds.jsonl'), preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
    const io = captureIO(dir);
    const code = await main(
      [
        'score',
        '--benchmark',
        'vqa-rad',
        '--data',
        data,
        '--predictions',
        'preds.jsonl',
        '--json',
        '--model',
        'qwen2.5-vl-7b',
        '--out',
        'results.jsonl',
      ],
      io,
    );
    expect(code).toBe(0);
    const s = JSON.parse(io.out()) as {
      n: number;
      correct: number;
      accuracy: number;
      statuses: Record<string, number>;
    };
    expect(s.n).toBe(ids.length);
    expect(s.correct).toBe(expectCorrect);
    expect(s.accuracy).toBeCloseTo(expectCorrect / ids.length, 10);
    expect(s.statuses['no_answer']).toBe(Math.ceil(ids.length / 5));

    const tio = captureIO(dir);
    expect(await main(['tables', 'results.jsonl', '--table', '1', '--format', 'json', '--paper'], tio)).toBe(0);
    const { table } = JSON.parse(tio.out()) as {
      table: {
        groups: { rows: { model: string; source: string; cells: Record<string, { value: number } | null> }[] }[];
      };
    };
    const rows = table.groups.flatMap((g) => g.rows);
    const measured = rows.find((r) => r.model === 'qwen2.5-vl-7b' && r.source === 'measured');
    expect(measured?.cells['vqa-rad']?.value).toBeCloseTo(expectCorrect / ids.length, 10);
    expect(rows.find((r) => r.model === 'qwen2.5-vl-7b' && r.source === 'paper')?.cells['vqa-rad']?.value).toBe(0.6255);

    const lenient = captureIO(dir);
    await main(
      [
        'score',
        '--benchmark',
        'vqa-rad',
        '--data',
        data,
        '--predictions',
        'preds.jsonl',
        '--json',
        '--mode',
        'lenient',
      ],
      lenient,
    );
    const sl = JSON.parse(lenient.out()) as { correct: number; statuses: Record<string, number> };
    expect(sl.correct).toBeGreaterThan(expectCorrect); // lenient also reads the unboxed answers
  });
});

describe('CLI errors: one line, exit code 2', () => {
  const cases: [string, string[], RegExp][] = [
    [
      'unknown benchmark',
      ['items', '--benchmark', 'vqarad', '--data', '.'],
      /did you mean 'vqa-rad'|did you mean "vqa-rad"|vqa-rad/,
    ],
    ['missing directory', ['items', '--benchmark', 'slake', '--data', '/nonexistent/dir'], /\/nonexistent\/dir/],
    ['missing --data', ['items', '--benchmark', 'slake'], /--data/],
    ['unknown option', ['items', '--benchmark', 'slake', '--frobnicate'], /frobnicate/],
    ['unknown command', ['itmes'], /did you mean 'items'/],
    ['unreadable results file', ['tables', '/nonexistent/results.jsonl'], /cannot read results file/],
    [
      'bad --mode',
      ['score', '--benchmark', 'slake', '--data', '.', '--predictions', 'x', '--mode', 'strict'],
      /--mode must be one of/,
    ],
    ['bad --table', ['tables', '--paper', '--table', '4'], /--table must be one of/],
    [
      'bad --max-new-tokens',
      ['score', '--benchmark', 'slake', '--data', '.', '--predictions', 'x', '--max-new-tokens', 'lots'],
      /--max-new-tokens must be a whole number/,
    ],
  ];
  for (const [name, argv, pattern] of cases) {
    it(name, async () => {
      const io = captureIO(REPO_ROOT);
      expect(await main(argv, io)).toBe(2);
      expect(io.err()).toMatch(pattern);
      expect(io.err().trim().split('\n')).toHaveLength(1);
    });
  }
});
