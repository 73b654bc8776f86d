// `compare`, in-process: two results files paired by item id (JSON keys, human table, both McNemar branches), files
// written by `score --out` on the bundled demo slice, and every refusal as one line with exit code 2.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { buildManifest, serializeManifest, serializeResult } from '../../../src/core/results';
import type { BenchmarkId, ExtractMode, ItemResult } from '../../../src/core/types';
import { captureIO } from '../../support/cli-io';
import { REPO_ROOT } from '../../support/shared-datasets';

interface RunSpec {
  model: string;
  benchmark?: BenchmarkId;
  variant?: string;
  mode?: ExtractMode;
  dataHash?: string;
}

function resultLine(spec: RunSpec, id: string, correct: boolean): ItemResult {
  return {
    type: 'result',
    id,
    benchmark: spec.benchmark ?? 'vqa-rad',
    variant: spec.variant ?? 'yesno',
    model: spec.model,
    output: correct ? '\\boxed{yes}' : '\\boxed{no}',
    extracted: correct ? 'yes' : 'no',
    letter: correct ? 'A' : 'B',
    status: 'boxed',
    mode: spec.mode ?? 'paper',
    gold: 'A',
    correct,
    promptTokens: null,
    completionTokens: null,
    latencyMs: null,
    truncated: false,
    tag: null,
    tagSource: null,
  };
}

function runText(spec: RunSpec, cells: readonly (readonly [string, boolean])[]): string {
  const manifest = buildManifest({
    appVersion: '0.1.0',
    benchmark: spec.benchmark ?? 'vqa-rad',
    benchmarkVersion: '1',
    variant: spec.variant ?? 'yesno',
    model: spec.model,
    backend: 'import',
    backendModel: spec.model,
    promptVersion: 'cot-boxed-v1',
    extractorVersion: 'extract-v1',
    dataHash: spec.dataHash ?? 'h',
    itemIdsHash: 'i',
    generation: { maxNewTokens: 0, temperature: 0 },
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  return serializeManifest(manifest) + cells.map(([id, c]) => serializeResult(resultLine(spec, id, c))).join('');
}

/** Cells for ids 1… in the order both correct, only A, only B, both wrong (as in the core tests). */
function cells(
  both: number,
  onlyA: number,
  onlyB: number,
  neither: number,
): [[string, boolean][], [string, boolean][]] {
  const a: [string, boolean][] = [];
  const b: [string, boolean][] = [];
  let id = 0;
  for (const [n, ca, cb] of [
    [both, true, true],
    [onlyA, true, false],
    [onlyB, false, true],
    [neither, false, false],
  ] as const)
    for (let i = 0; i < n; i++) {
      id++;
      a.push([String(id), ca]);
      b.push([String(id), cb]);
    }
  return [a, b];
}

function tmp(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'medvlm-compare-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function compare(dir: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(dir);
  const code = await main(['compare', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('compare', () => {
  // 4 both correct, 3 only A, 1 only B, 2 both wrong; plus one item only in A and two only in B.
  const [ca, cb] = cells(4, 3, 1, 2);
  const dir = tmp({
    'a.jsonl': runText({ model: 'qwen2.5-vl-7b' }, [...ca, ['a-only', true]]),
    'b.jsonl': runText({ model: 'llava-med-7b' }, [['b-only1', true], ...cb, ['b-only2', false]]),
  });

  it('--json prints exactly the documented keys, with hand-computed values', async () => {
    const r = await compare(dir, 'a.jsonl', 'b.jsonl', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual([
      'n_common',
      'a_correct',
      'b_correct',
      'both_correct',
      'only_a',
      'only_b',
      'agreement',
      'diff',
      'diff_interval',
      'mcnemar_p',
      'method',
      'unpaired_a',
      'unpaired_b',
      'discordant',
    ]);
    expect(j).toMatchObject({
      n_common: 10,
      a_correct: 7,
      b_correct: 5,
      both_correct: 4,
      only_a: 3,
      only_b: 1,
      method: 'exact',
      unpaired_a: 1,
      unpaired_b: 2,
      discordant: { only_a: ['5', '6', '7'], only_b: ['8'] },
    });
    // agreement (4 + 2)/10; d = 0.2 ± 1.96·sqrt(4 − 0.4)/10 → [−0.1718770, 0.5718770]; p = 2·(1 + 4)/2⁴ = 0.625
    expect(j['agreement']).toBeCloseTo(0.6, 12);
    expect(j['diff']).toBeCloseTo(0.2, 12);
    const [lo, hi] = j['diff_interval'] as [number, number];
    expect(lo).toBeCloseTo(-0.171877, 6);
    expect(hi).toBeCloseTo(0.571877, 6);
    expect(j['mcnemar_p']).toBeCloseTo(0.625, 12);
    expect(r.err).toBe('');
  });

  it('prints a short table and one line naming the method', async () => {
    const r = await compare(dir, 'a.jsonl', 'b.jsonl');
    expect(r.code).toBe(0);
    expect(r.out).toContain('vqa-rad (yesno) [paper mode]: 10 items in both files');
    expect(r.out).toMatch(/A\s+a\.jsonl\s+qwen2\.5-vl-7b\s+7\s+0\.7000/);
    expect(r.out).toMatch(/B\s+b\.jsonl\s+llava-med-7b\s+5\s+0\.5000/);
    expect(r.out).toContain('agreement 0.6000');
    expect(r.out).toContain('A − B +0.2000  95% CI [-0.1719, +0.5719]');
    expect(r.out).toMatch(/McNemar p 0\.6250: exact two-sided binomial test on 4 discordant pair/);
    expect(r.out).toContain('left out: 1 item(s) only in a.jsonl, 2 only in b.jsonl');
  });

  it('uses chi-square with continuity correction from 25 discordant pairs (b = 30, c = 12 → p ≈ 0.008712)', async () => {
    // χ² = (|30 − 12| − 1)²/42 = 289/42 = 6.880952; P(χ²₁ > 6.880952) = 0.0087119
    const [a, b] = cells(50, 30, 12, 8);
    const d = tmp({ 'a.jsonl': runText({ model: 'm1' }, a), 'b.jsonl': runText({ model: 'm2' }, b) });
    const j = JSON.parse((await compare(d, 'a.jsonl', 'b.jsonl', '--json')).out) as Record<string, unknown>;
    expect(j['method']).toBe('chi2-cc');
    expect(j['mcnemar_p']).toBeCloseTo(0.0087119, 6);
    expect((await compare(d, 'a.jsonl', 'b.jsonl')).out).toMatch(
      /McNemar p 0\.0087: chi-square with continuity correction on 42 discordant pair/,
    );
  });

  it('compares two runs of the same model, and notes differing versions or data', async () => {
    const [a, b] = cells(2, 1, 1, 0);
    const d = tmp({
      'a.jsonl': runText({ model: 'm1' }, a),
      'b.jsonl': runText({ model: 'm1', dataHash: 'other' }, b),
    });
    const r = await compare(d, 'a.jsonl', 'b.jsonl', '--json');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^note: the runs differ in dataHash \(h vs other\)/);
  });

  it('compares lenient-scored runs under --mode lenient', async () => {
    const [a, b] = cells(1, 1, 0, 0);
    const d = tmp({
      'a.jsonl': runText({ model: 'm1', mode: 'lenient' }, a),
      'b.jsonl': runText({ model: 'm2', mode: 'lenient' }, b),
    });
    expect((await compare(d, 'a.jsonl', 'b.jsonl', '--mode', 'lenient')).out).toContain('[lenient mode]');
  });

  it('reads the results files score --out writes on the bundled VQA-RAD slice', async () => {
    const data = join(REPO_ROOT, 'static-datasets', 'vqa-rad');
    const itemsIO = captureIO(REPO_ROOT);
    expect(await main(['items', '--benchmark', 'vqa-rad', '--data', data], itemsIO)).toBe(0);
    const items = itemsIO
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; answer: string });
    const box = (letter: string): string => `\\boxed{${letter === 'A' ? 'yes' : 'no'}}`;
    const flip = (letter: string): string => (letter === 'A' ? 'B' : 'A');
    // Model A is right on every item but each 4th; model B on every item but each 3rd.
    const predsA = items.map((it, i) => ({ id: it.id, output: box(i % 4 === 0 ? flip(it.answer) : it.answer) }));
    const predsB = items.map((it, i) => ({ id: it.id, output: box(i % 3 === 0 ? flip(it.answer) : it.answer) }));
    const d = tmp({
      'pa.jsonl': predsA.map((p) => JSON.stringify(p)).join('\n') + '\n',
      'pb.jsonl': predsB.map((p) => JSON.stringify(p)).join('\n') + '\n',
    });
    for (const [preds, model, out] of [
      ['pa.jsonl', 'qwen2.5-vl-7b', 'a.jsonl'],
      ['pb.jsonl', 'llava-med-7b', 'b.jsonl'],
    ] as const)
      expect(
        await main(
          ['score', '--benchmark', 'vqa-rad', '--data', data, '--predictions', preds, '--model', model, '--out', out],
          captureIO(d),
        ),
      ).toBe(0);
    const j = JSON.parse((await compare(d, 'a.jsonl', 'b.jsonl', '--json')).out) as Record<string, unknown>;
    const onlyA = items.filter((_, i) => i % 4 !== 0 && i % 3 === 0).map((it) => it.id);
    const onlyB = items.filter((_, i) => i % 4 === 0 && i % 3 !== 0).map((it) => it.id);
    expect(j['n_common']).toBe(items.length);
    expect(j['only_a']).toBe(onlyA.length);
    expect(j['only_b']).toBe(onlyB.length);
    expect(j['both_correct']).toBe(items.filter((_, i) => i % 4 !== 0 && i % 3 !== 0).length);
    const discordant = j['discordant'] as { only_a: string[]; only_b: string[] };
    expect([...discordant.only_a].sort()).toEqual([...onlyA].sort());
    expect([...discordant.only_b].sort()).toEqual([...onlyB].sort());
  });
});

describe('compare refuses with one line and exit code 2', () => {
  const [a, b] = cells(2, 1, 1, 0);
  const dir = tmp({
    'a.jsonl': runText({ model: 'm1' }, a),
    'b.jsonl': runText({ model: 'm2' }, b),
    'slake.jsonl': runText({ model: 'm2', benchmark: 'slake', variant: 'default' }, b),
    'closed.jsonl': runText({ model: 'm2', variant: 'closed' }, b),
    'lenient.jsonl': runText({ model: 'm2', mode: 'lenient' }, b),
    'disjoint.jsonl': runText({ model: 'm2' }, [['x', true]]),
    'two-runs.jsonl': runText({ model: 'm2' }, b) + runText({ model: 'm3' }, b),
    'preds.jsonl': '{"id":"1","output":"\\\\boxed{yes}"}\n{"id":"2","output":"no"}\n',
  });
  const cases: [string, string[], RegExp][] = [
    ['missing file', ['a.jsonl', 'nope.jsonl'], /cannot read results file 'nope\.jsonl' \(file not found\)/],
    [
      'not a results file',
      ['a.jsonl', 'preds.jsonl'],
      /preds\.jsonl holds no results \(line 1: looks like a predictions/,
    ],
    [
      'different benchmarks',
      ['a.jsonl', 'slake.jsonl'],
      /a\.jsonl is vqa-rad\/yesno but slake\.jsonl is slake\/default/,
    ],
    ['different variants', ['a.jsonl', 'closed.jsonl'], /same benchmark and variant/],
    ['another scoring mode', ['a.jsonl', 'lenient.jsonl'], /scored in lenient mode, not paper; pass --mode lenient/],
    ['no common items', ['a.jsonl', 'disjoint.jsonl'], /share no item id/],
    ['several runs in one file', ['a.jsonl', 'two-runs.jsonl'], /holds 2 runs .*one run per file/],
    ['one file only', ['a.jsonl'], /give exactly two results files \(got 1\)/],
    ['bad --mode', ['a.jsonl', 'b.jsonl', '--mode', 'strict'], /--mode must be one of paper, lenient/],
  ];
  for (const [name, argv, pattern] of cases)
    it(name, async () => {
      const r = await compare(dir, ...argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    });
});
