// `items` and `score` with --sample/--seed on the real samples in ../shared/datasets: the sample is the stated
// size, stratified by the benchmark's default fields, the same for a seed, and recorded in a scored results file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseResultsJsonl } from '../../../src/core/results';
import { captureIO } from '../../support/cli-io';
import { REPO_ROOT, describeShared, sharedPath } from '../../support/shared-datasets';

interface ItemLine {
  id: string;
  answer: string;
  meta: Record<string, string | number | boolean | null>;
}

async function items(args: string[]): Promise<{ lines: ItemLine[]; err: string }> {
  const io = captureIO(REPO_ROOT);
  expect(await main(['items', ...args], io), io.err()).toBe(0);
  const lines = io
    .out()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ItemLine);
  return { lines, err: io.err() };
}

const stratum = (i: ItemLine): string => `${String(i.meta['modality'])} / ${String(i.meta['question_type'])}`;

describeShared('CLI samples on the real data', () => {
  const omni = ['--benchmark', 'omnimedvqa', '--data', sharedPath('omnimedvqa')];

  it('items --sample 10 --seed 1 gives 10 OmniMedVQA items stratified by modality and question type', async () => {
    const all = (await items(omni)).lines;
    const { lines, err } = await items([...omni, '--sample', '10', '--seed', '1']);
    expect(lines).toHaveLength(10);
    expect(err).toContain(`omnimedvqa (open-access) sample: 10 of ${all.length} items (10, seed 1)`);
    expect(err).toContain('stratified by modality + question_type');
    const population = new Map<string, number>();
    for (const i of all) population.set(stratum(i), (population.get(stratum(i)) ?? 0) + 1);
    const drawn = new Map<string, number>();
    for (const i of lines) drawn.set(stratum(i), (drawn.get(stratum(i)) ?? 0) + 1);
    for (const [s, size] of population)
      expect(Math.abs((drawn.get(s) ?? 0) - (10 * size) / all.length), s).toBeLessThan(1);
    // in the release order
    const order = all.map((i) => i.id);
    const positions = lines.map((i) => order.indexOf(i.id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));

    const again = (await items([...omni, '--sample', '10', '--seed', '1'])).lines;
    expect(again.map((i) => i.id)).toEqual(lines.map((i) => i.id));
    const other = (await items([...omni, '--sample', '10', '--seed', '2'])).lines;
    expect(other.map((i) => i.id)).not.toEqual(lines.map((i) => i.id));
  });

  it('items --sample 10% on VQA-RAD rounds to whole items; 500 keeps them all with a note', async () => {
    const vqa = ['--benchmark', 'vqa-rad', '--data', sharedPath('vqa-rad')];
    const total = (await items(vqa)).lines.length;
    expect((await items([...vqa, '--sample', '10%'])).lines).toHaveLength(Math.round(total / 10));
    const big = await items([...vqa, '--sample', '500']);
    expect(big.lines).toHaveLength(total);
    expect(big.err).toContain(`the sample covers all ${total} vqa-rad items`);
  });

  it('score --sample scores only the sample and records it in the results manifest', async () => {
    const vqa = ['--benchmark', 'vqa-rad', '--data', sharedPath('vqa-rad')];
    const all = (await items(vqa)).lines;
    const dir = mkdtempSync(join(tmpdir(), 'medvlm-sample-score-'));
    const preds = join(dir, 'preds.jsonl');
    writeFileSync(preds, all.map((i) => JSON.stringify({ id: i.id, output: `\\boxed{${i.answer}}` })).join('\n'));
    const out = join(dir, 'scored.jsonl');
    const io = captureIO(REPO_ROOT);
    const args = ['score', ...vqa, '--predictions', preds, '--sample', '5', '--seed', '4', '--out', out];
    expect(await main(args, io), io.err()).toBe(0);
    expect(io.out()).toContain(`sample n=5 of ${all.length}, seed 4`);
    expect(io.out()).toContain('n 5  correct 5');
    expect(io.err()).toContain(`${all.length - 5} predictions are for items outside the sample`);
    const parsed = parseResultsJsonl(readFileSync(out, 'utf8'), out);
    expect(parsed.runs[0]?.results).toHaveLength(5);
    expect(parsed.runs[0]?.manifest.sample).toMatchObject({ seed: 4, size: '5', n: 5, population: all.length });
    expect(parsed.runs[0]?.manifest.itemIdsHash).toBe(parsed.runs[0]?.manifest.sample?.itemIdsHash);
  });
});
