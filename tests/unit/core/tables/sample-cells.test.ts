// A table cell computed on a sample says so: the cell's marker, the table notes and every exporter.
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ResultRun } from '../../../../src/core/results';
import { CSV_HEADER, assembleTable, toCsv, toJson, toLatex, toMarkdown } from '../../../../src/core/tables';
import type { MeasuredCell, Table } from '../../../../src/core/tables';
import { manifest, result } from '../results/make-results';

const SAMPLE = {
  seed: 3,
  size: '4%',
  strata: ['modality', 'content_type'],
  n: 17,
  population: 416,
  itemIdsHash: 'c'.repeat(64),
};

function runs(): ResultRun[] {
  const sampled: ResultRun = {
    manifest: manifest({ model: 'qwen2.5-vl-7b', benchmark: 'slake', variant: 'closed', sample: SAMPLE }),
    results: Array.from({ length: 17 }, (_, i) =>
      result(`s${i}`, { model: 'qwen2.5-vl-7b', benchmark: 'slake', variant: 'closed', correct: i < 12 }),
    ),
  };
  const full: ResultRun = {
    manifest: manifest({ model: 'qwen2.5-vl-7b' }),
    results: Array.from({ length: 5 }, (_, i) => result(`v${i}`, { model: 'qwen2.5-vl-7b' })),
  };
  return [sampled, full];
}

const cellOf = (table: Table, benchmark: 'slake' | 'vqa-rad'): MeasuredCell => {
  const cell = table.groups.flatMap((g) => g.rows).find((r) => r.source === 'measured')?.cells[benchmark];
  if (cell?.source !== 'measured') throw new Error(`no measured ${benchmark} cell`);
  return cell;
};

describe('cells from a sample', () => {
  const table = assembleTable(1, runs());

  it('carry a sample marker (n, seed, population); full-run cells carry null', () => {
    expect(cellOf(table, 'slake').sample).toEqual({ n: 17, seed: 3, population: 416 });
    expect(cellOf(table, 'vqa-rad').sample).toBeNull();
  });

  it('are named in the table notes with n, population, size, seed and strata', () => {
    expect(table.notes).toContain(
      'SLAKE · qwen2.5-vl-7b: a sample of 17 of 416 items (4%, seed 3, stratified by modality + content_type), not the whole benchmark',
    );
    expect(table.notes.filter((n) => n.includes('sample'))).toHaveLength(1);
  });

  it('say "sample n=…" in Markdown, LaTeX, CSV and JSON', () => {
    const md = toMarkdown(table);
    const slakeRow = md.split('\n').find((l) => l.includes('*sample n=17*'));
    expect(slakeRow).toBeDefined();
    expect(md).toContain('*sample n=…*: computed on a seeded sample');
    expect(md.split('\n').filter((l) => l.includes('*sample n='))).toHaveLength(2); // the cell and the legend
    expect(toLatex(table)).toContain('{\\scriptsize sample n=17}');
    const csv = Papa.parse<string[]>(toCsv(table).trim(), { newline: '\r\n' });
    const at = (name: (typeof CSV_HEADER)[number]): number => CSV_HEADER.indexOf(name);
    const slake = csv.data.find((r) => r[5] === 'slake');
    expect([slake?.[at('sample_n')], slake?.[at('sample_seed')], slake?.[at('sample_population')]]).toEqual([
      '17',
      '3',
      '416',
    ]);
    expect(csv.data.find((r) => r[5] === 'vqa-rad')?.[at('sample_n')]).toBe('');
    const json = JSON.parse(toJson(table)) as { table: Table };
    expect(cellOf(json.table, 'slake').sample).toEqual({ n: 17, population: 416, seed: 3 });
  });
});
