import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../../src/core/models/registry';
import type { ResultRun } from '../../../../src/core/results';
import { PAPER_TABLES, assembleTable } from '../../../../src/core/tables';
import type { MeasuredCell, Table, TableCell, TableRow } from '../../../../src/core/tables';
import type { BenchmarkId, ItemResult } from '../../../../src/core/types';
import { manifest, result, syntheticRun } from '../results/make-results';

/** Wilson bounds as the roots of (p̂ − p)² = z² p (1 − p) / n — a different route from the implementation. */
function wilsonRoots(k: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const ph = k / n;
  const a = 1 + (z * z) / n;
  const b = -(2 * ph + (z * z) / n);
  const c = ph * ph;
  const disc = Math.sqrt(b * b - 4 * a * c);
  return [(-b - disc) / (2 * a), (-b + disc) / (2 * a)];
}

function allRows(t: Table): TableRow[] {
  return t.groups.flatMap((g) => g.rows);
}
function measuredRow(t: Table, model: string): TableRow | undefined {
  return allRows(t).find((r) => r.model === model && r.source === 'measured');
}
function measured(cell: TableCell | null | undefined): MeasuredCell {
  if (cell === null || cell === undefined || cell.source !== 'measured') throw new Error('expected a measured cell');
  return cell;
}
function expectCellMatches(cell: MeasuredCell, items: readonly ItemResult[], paper: number | null): void {
  const k = items.filter((r) => r.correct).length;
  expect(cell.n).toBe(items.length);
  expect(cell.correct).toBe(k);
  expect(cell.value).toBeCloseTo(k / items.length, 12);
  const [lo, hi] = wilsonRoots(k, items.length);
  expect(cell.interval[0]).toBeCloseTo(lo, 10);
  expect(cell.interval[1]).toBeCloseTo(hi, 10);
  expect(cell.paper).toBe(paper);
  if (paper === null) expect(cell.diff).toBeNull();
  else expect(cell.diff).toBeCloseTo(k / items.length - paper, 12);
}

const RUNS: ResultRun[] = [
  syntheticRun('qwen2.5-vl-7b', 'vqa-rad', 251, 1, { pCorrect: 0.62, untaggedShare: 0.1 }),
  syntheticRun('qwen2.5-vl-7b', 'slake', 416, 2, { pCorrect: 0.6 }),
  syntheticRun('lingshu-7b', 'vqa-rad', 251, 3, { pCorrect: 0.66 }),
  syntheticRun('lingshu-7b', 'medxpertqa', 300, 4, { pCorrect: 0.25 }),
  syntheticRun('my-finetune', 'pathvqa', 120, 5, { pCorrect: 0.7 }),
];

describe('assembleTable: Table 1', () => {
  const t = assembleTable(1, RUNS);

  it('groups rows general / medical / other with registry labels, unknown ids as their own label', () => {
    expect(t.groups.map((g) => [g.id, g.label, g.rows.map((r) => r.label)])).toEqual([
      ['general', 'General-purpose VLMs', ['Qwen2.5-VL-7B-Instruct']],
      ['medical', 'Medical-specific VLMs', ['Lingshu-7B']],
      ['other', 'Other', ['my-finetune']],
    ]);
    expect(allRows(t).every((r) => r.source === 'measured')).toBe(true);
    expect(t.columns.map((c) => c.label)).toEqual([
      'MedXpert',
      'OmniMedVQA',
      'PMC-VQA',
      'PathVQA',
      'MMMU',
      'SLAKE',
      'VQA-RAD',
    ]);
  });

  it('computes every cell from all items, with the paper value and the difference', () => {
    for (const run of RUNS) {
      const m = run.manifest;
      const cell = measured(measuredRow(t, m.model)?.cells[m.benchmark]);
      const paper = PAPER_TABLES[1].find((p) => p.model === m.model)?.values[m.benchmark] ?? null;
      expectCellMatches(cell, run.results, paper);
      expect(cell.variant).toBe('default');
      expect(cell.untagged).toBe(0);
    }
    expect(measuredRow(t, 'qwen2.5-vl-7b')?.cells['pmc-vqa']).toBeNull();
    expect(t.notes).toEqual([]);
  });
});

describe('assembleTable: Tables 2 and 3 by tag', () => {
  it.each([
    [2, 'reasoning'],
    [3, 'understanding'],
  ] as const)('Table %i keeps only %s items and counts the untagged ones', (kind, tag) => {
    const t = assembleTable(kind, RUNS);
    const run = RUNS[0];
    if (run === undefined) throw new Error('fixture');
    const cell = measured(measuredRow(t, 'qwen2.5-vl-7b')?.cells['vqa-rad']);
    const items = run.results.filter((r) => r.tag === tag);
    const untagged = run.results.filter((r) => r.tag === null).length;
    expect(untagged).toBeGreaterThan(0);
    expect(items.length).toBeLessThan(run.results.length - untagged);
    expectCellMatches(
      cell,
      items,
      PAPER_TABLES[kind].find((p) => p.model === 'qwen2.5-vl-7b')?.values['vqa-rad'] ?? null,
    );
    expect(cell.untagged).toBe(untagged);
    expect(t.notes.some((n) => n.startsWith(`VQA-RAD: ${untagged} item(s) without`))).toBe(true);
  });

  it('leaves a cell empty when a run has no item with the table tag', () => {
    const allReasoning: ResultRun = {
      manifest: manifest({ model: 'qwen2.5-vl-3b', benchmark: 'slake' }),
      results: [result('1', { model: 'qwen2.5-vl-3b', benchmark: 'slake', tag: 'reasoning', tagSource: 'gme' })],
    };
    expect(measured(measuredRow(assembleTable(2, [allReasoning]), 'qwen2.5-vl-3b')?.cells.slake).n).toBe(1);
    expect(measuredRow(assembleTable(3, [allReasoning]), 'qwen2.5-vl-3b')?.cells.slake).toBeNull();
  });
});

describe('assembleTable: paper reference rows', () => {
  it.each([1, 2, 3] as const)('Table %i puts each paper row right above its measured row', (kind) => {
    const t = assembleTable(kind, RUNS, { paper: true });
    const rows = allRows(t);
    const paperRows = rows.filter((r) => r.source === 'paper');
    expect(paperRows.map((r) => r.label)).toEqual(PAPER_TABLES[kind].map((p) => p.label));
    expect(rows).toHaveLength(10 + 3);
    for (const model of ['qwen2.5-vl-7b', 'lingshu-7b']) {
      const i = rows.findIndex((r) => r.model === model && r.source === 'paper');
      expect(rows[i + 1]?.model).toBe(model);
      expect(rows[i + 1]?.source).toBe('measured');
    }
    const p = PAPER_TABLES[kind][0];
    expect(rows.find((r) => r.source === 'paper' && r.model === p?.model)?.cells.medxpertqa?.value).toBe(
      p?.values.medxpertqa,
    );
  });

  it('orders paper rows as printed: the registry order matches the paper order', () => {
    expect(PAPER_TABLES[1].map((p) => p.model)).toEqual(MODELS.filter((m) => m.paperLabel !== null).map((m) => m.id));
  });

  it('shades each column over paper and measured cells together', () => {
    const best: ResultRun = {
      manifest: manifest({ model: 'qwen2.5-vl-3b' }),
      results: Array.from({ length: 10 }, (_, i) => result(String(i), { correct: true })),
    };
    const t = assembleTable(1, [best], { paper: true });
    const col = allRows(t).map((r) => r.cells['vqa-rad']);
    const top = measured(measuredRow(t, 'qwen2.5-vl-3b')?.cells['vqa-rad']);
    expect(top.value).toBe(1);
    expect(top.shade).toBe(4);
    const lowestPaper = Math.min(...PAPER_TABLES[1].map((p) => p.values['vqa-rad']));
    expect(col.filter((c) => c?.value === lowestPaper).map((c) => c?.shade)).toEqual([0]);
    const values = col.flatMap((c) => (c === null || c === undefined ? [] : [c.value]));
    expect(values).toHaveLength(11);
    const rMax = values.filter((v) => v < 1).length;
    expect(col.map((c) => c?.shade)).toEqual(
      values.map((v) => Math.round((4 * values.filter((w) => w < v).length) / rMax)),
    );
  });
});

describe('assembleTable: merging and variants', () => {
  const vqa = (variant: string, n: number, seed: number, over = {}): ResultRun =>
    syntheticRun('qwen2.5-vl-3b', 'vqa-rad', n, seed, { variant, ...over });

  it('merges browser and server runs of one model into one cell; a success beats a failure', () => {
    const ids = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `q${from + i}`);
    const browser: ResultRun = {
      manifest: manifest({ backend: 'webllm' }),
      results: ids(0, 6).map((id, i) =>
        i === 5
          ? result(id, { correct: false, error: { code: 'backend/oom', message: 'x' } })
          : result(id, { correct: i % 2 === 0 }),
      ),
    };
    const server: ResultRun = {
      manifest: manifest({ backend: 'openai' }),
      results: ids(5, 10).map((id) => result(id, { correct: true })),
    };
    const cell = measured(measuredRow(assembleTable(1, [browser, server]), 'qwen2.5-vl-3b')?.cells['vqa-rad']);
    // q0..q4 from the browser (q0, q2, q4 correct), q5..q9 from the server (all correct; q5 replaces the failure).
    expect(cell.n).toBe(10);
    expect(cell.correct).toBe(8);
    expect(cell.errors).toBe(0);
  });

  it('uses the registry default variant (VQA-RAD: yesno) unless variantOf says otherwise, and records it', () => {
    const runs = [vqa('closed', 272, 11), vqa('yesno', 251, 12)];
    expect(measured(measuredRow(assembleTable(1, runs), 'qwen2.5-vl-3b')?.cells['vqa-rad'])).toMatchObject({
      n: 251,
      variant: 'yesno',
    });
    const chosen = assembleTable(1, runs, { variantOf: { 'vqa-rad': 'closed' } });
    expect(measured(measuredRow(chosen, 'qwen2.5-vl-3b')?.cells['vqa-rad'])).toMatchObject({
      n: 272,
      variant: 'closed',
    });
    const byRegistry = assembleTable(1, [vqa('closed', 272, 11), vqa('test', 251, 12)], {
      defaultVariantOf: { 'vqa-rad': 'test' },
    });
    expect(measured(measuredRow(byRegistry, 'qwen2.5-vl-3b')?.cells['vqa-rad']).variant).toBe('test');
    expect(byRegistry.notes).toEqual([]);
  });

  it('picks the alphabetically first variant with a note when none is the default, and leaves a missing one empty', () => {
    const t = assembleTable(1, [vqa('zeta', 20, 1), vqa('alpha', 30, 2)]);
    expect(measured(measuredRow(t, 'qwen2.5-vl-3b')?.cells['vqa-rad']).variant).toBe('alpha');
    expect(t.notes.some((n) => n.includes('used "alpha"'))).toBe(true);
    const missing = assembleTable(1, [vqa('default', 20, 1)], { variantOf: { 'vqa-rad': 'closed' } });
    expect(measuredRow(missing, 'qwen2.5-vl-3b')?.cells['vqa-rad']).toBeNull();
    expect(missing.notes.some((n) => n.includes('no run of variant "closed"'))).toBe(true);
  });

  it('keeps conflicting runs apart, uses the larger one, and reports the conflict', () => {
    const small = vqa('default', 40, 1, { manifest: { promptVersion: 'p2' } });
    const large = vqa('default', 60, 2);
    const t = assembleTable(1, [small, large]);
    const cell = measured(measuredRow(t, 'qwen2.5-vl-3b')?.cells['vqa-rad']);
    expect(cell.n).toBe(60);
    expect(t.notes.some((n) => n.includes('promptVersion') && n.includes('kept apart'))).toBe(true);
    expect(t.notes.some((n) => n.includes('2 incompatible runs'))).toBe(true);
  });

  it('a demo slice and a full release of one model × variant stay two runs; the note names the one used and the other', () => {
    const demo = vqa('default', 21, 1, { manifest: { dataHash: 'a1'.repeat(32) } });
    const full = vqa('default', 251, 2, { manifest: { dataHash: 'f2'.repeat(32) } });
    const t = assembleTable(1, [demo, full]);
    const cell = measured(measuredRow(t, 'qwen2.5-vl-3b')?.cells['vqa-rad']);
    expect(cell.n).toBe(251);
    expect(t.notes.some((n) => n.includes('dataHash') && n.includes('kept apart'))).toBe(true);
    const choice = t.notes.find((n) => n.includes('2 incompatible runs'));
    expect(choice).toContain('used the one with 251 items (all items, data f2f2f2f2)');
    expect(choice).toContain('not used: 21 items (all items, data a1a1a1a1)');
  });

  it('returns empty groups for no runs, and only paper rows with paper: true', () => {
    expect(assembleTable(1, []).groups).toEqual([]);
    const onlyPaper = assembleTable(3, [], { paper: true });
    expect(allRows(onlyPaper)).toHaveLength(10);
    const benchmarks: BenchmarkId[] = onlyPaper.columns.map((c) => c.benchmark);
    for (const r of allRows(onlyPaper)) for (const b of benchmarks) expect(r.cells[b]?.source).toBe('paper');
  });
});
