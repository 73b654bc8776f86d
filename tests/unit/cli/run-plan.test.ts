// `run` over several benchmarks (--benchmark a,b with one --data each) and --out-dir: one results file per
// model × benchmark, named by model, benchmark, variant and sample; `tables` reads them into one table; a rerun
// resumes every file without a request. Also --sample on run, and the argument errors (exit 2).
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { resultsFileName } from '../../../src/cli/run-plan';
import { parseResultsJsonl } from '../../../src/core/results';
import { captureIO } from '../../support/cli-io';
import type { OpenAITestServer } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import { REPO_ROOT } from '../../support/shared-datasets';

const VQA_RAD = join(REPO_ROOT, 'static-datasets', 'vqa-rad');
const SLAKE = join(REPO_ROOT, 'static-datasets', 'slake');
const SERVED = 'Qwen/Qwen2.5-VL-72B-Instruct';
// the demo slices' kept counts (static-datasets/*/manifest.json)
const N_VQA_RAD = 21;
const N_SLAKE = 18;

let dir: string;
let server: OpenAITestServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'medvlm-plan-'));
  server = await startOpenAITestServer({
    models: [SERVED],
    keyOf: (text) => text,
    respond: () => 'It is visible. \\boxed{A}',
  });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const planArgs = (outDir: string, extra: string[] = []): string[] => [
  'run',
  '--benchmark',
  'vqa-rad,slake',
  '--data',
  VQA_RAD,
  '--data',
  SLAKE,
  '--endpoint',
  server.url,
  '--model',
  SERVED,
  '--out-dir',
  outDir,
  '--concurrency',
  '4',
  ...extra,
];

describe('medvlm-bench run with several benchmarks', () => {
  it('writes one file per model × benchmark that `tables` reads into one table; a rerun sends no request', async () => {
    const outDir = join(dir, 'full');
    server.resetCounters();
    const io = captureIO(REPO_ROOT);
    expect(await main(planArgs(outDir), io), io.err()).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual([
      'qwen2.5-vl-72b__slake__closed.jsonl',
      'qwen2.5-vl-72b__vqa-rad__yesno.jsonl',
    ]);
    expect(server.total()).toBe(N_VQA_RAD + N_SLAKE);
    expect(io.out()).toContain(`vqa-rad (yesno) qwen2.5-vl-72b`);
    expect(io.out()).toContain(`slake (closed) qwen2.5-vl-72b`);
    expect(io.out()).toContain(`this session: ${N_VQA_RAD + N_SLAKE} generated, 0 resumed`);

    const files = (await readdir(outDir)).map((f) => join(outDir, f));
    const tables = captureIO(REPO_ROOT);
    expect(await main(['tables', ...files, '--format', 'csv'], tables)).toBe(0);
    const measured = tables
      .out()
      .split('\r\n')
      .filter((l) => l.includes(',measured,'));
    expect(measured.map((l) => l.split(',')[5]).sort()).toEqual(['slake', 'vqa-rad']);
    expect(measured.every((l) => l.startsWith('1,General-purpose VLMs,qwen2.5-vl-72b,'))).toBe(true);

    const before = server.total();
    const again = captureIO(REPO_ROOT);
    expect(await main(planArgs(outDir), again)).toBe(0);
    expect(server.total()).toBe(before);
    expect(again.out()).toContain(`0 generated, ${N_VQA_RAD + N_SLAKE} resumed`);
  });

  it('runs a seeded sample of each benchmark, records it and names the files by it; tables mark the cells', async () => {
    const outDir = join(dir, 'sampled');
    server.resetCounters();
    const io = captureIO(REPO_ROOT);
    expect(await main(planArgs(outDir, ['--sample', '5', '--seed', '2']), io), io.err()).toBe(0);
    const names = (await readdir(outDir)).sort();
    expect(names).toEqual([
      'qwen2.5-vl-72b__slake__closed__sample-5-seed-2.jsonl',
      'qwen2.5-vl-72b__vqa-rad__yesno__sample-5-seed-2.jsonl',
    ]);
    expect(server.total()).toBe(10);
    expect(io.err()).toMatch(/vqa-rad \(yesno\) sample: 5 of 21 items \(5, seed 2\), stratified by image_organ/);
    const slake = parseResultsJsonl(await readFile(join(outDir, names[0] ?? ''), 'utf8'), 'slake');
    expect(slake.runs[0]?.manifest.sample).toMatchObject({
      seed: 2,
      size: '5',
      strata: ['modality', 'content_type'],
      n: 5,
      population: N_SLAKE,
    });
    expect(slake.runs[0]?.results).toHaveLength(5);

    const tables = captureIO(REPO_ROOT);
    expect(await main(['tables', ...names.map((f) => join(outDir, f))], tables)).toBe(0);
    expect(tables.out().match(/\*sample n=5\*/g)).toHaveLength(2);
    expect(tables.out()).toContain('SLAKE · qwen2.5-vl-72b: a sample of 5 of 18 items');

    const before = server.total();
    expect(await main(planArgs(outDir, ['--sample', '5', '--seed', '2']), captureIO(REPO_ROOT))).toBe(0);
    expect(server.total()).toBe(before);
  });

  it('names results files <model-id>__<benchmark>__<variant>[__sample-<n>-seed-<s>].jsonl, file-safe', () => {
    expect(resultsFileName('qwen2.5-vl-7b', 'pmc-vqa', 'test_clean')).toBe('qwen2.5-vl-7b__pmc-vqa__test_clean.jsonl');
    const sample = { seed: 7, size: '5%', strata: [], n: 100, population: 2000, itemIdsHash: 'x' };
    expect(resultsFileName('Org/My Model', 'slake', 'closed', sample)).toBe(
      'Org_My_Model__slake__closed__sample-100-seed-7.jsonl',
    );
  });

  it.each([
    [['--sample', '0'], "--sample: Sample size '0' asks for no items: give a whole number"],
    [['--sample', '150%'], 'use at most 100%, or run without a sample'],
    [['--sample', 'abc'], 'neither a count nor a percentage'],
    [['--seed', '3'], '--seed only applies with --sample'],
    [['--sample', '5', '--strata', 'organ'], "No item has the strata field 'organ'"],
  ])('exits 2 on %j with what to do, before any request', async (extra, message) => {
    server.resetCounters();
    const io = captureIO(REPO_ROOT);
    expect(await main(planArgs(join(dir, 'bad'), extra), io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(server.total()).toBe(0);
  });

  it('exits 2 when --data does not pair with --benchmark, or --out names one file for two benchmarks', async () => {
    const code = async (args: string[]): Promise<[number, string]> => {
      const io = captureIO(REPO_ROOT);
      return [await main(args, io), io.err()];
    };
    const base = planArgs(join(dir, 'bad'));
    const oneData = base.filter((a, i) => !(a === SLAKE || base[i + 1] === SLAKE));
    expect(await code(oneData)).toEqual([2, expect.stringContaining('2 benchmarks (vqa-rad, slake) but 1 --data')]);
    const toFile = [...base.slice(0, -4), '--out', join(dir, 'one.jsonl')];
    expect(await code(toFile)).toEqual([2, expect.stringContaining('use --out-dir <dir> for one file each')]);
    expect(await code([...base, '--out', join(dir, 'one.jsonl')])).toEqual([2, expect.stringContaining('not both')]);
    const twice = base.map((a) => (a === 'vqa-rad,slake' ? 'slake,slake' : a));
    expect(await code(twice)).toEqual([2, expect.stringContaining('slake (closed) is in the plan twice')]);
    const wrongVariants = [...base, '--variant', 'yesno'];
    expect(await code(wrongVariants)).toEqual([2, expect.stringContaining('2 benchmarks but 1 --variant')]);
  });
});
