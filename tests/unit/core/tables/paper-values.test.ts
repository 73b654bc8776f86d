import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findModel } from '../../../../src/core/models/registry';
import { PAPER_TABLES, TABLE_COLUMNS, paperValue } from '../../../../src/core/tables';
import type { TableKind } from '../../../../src/core/tables';
import { HAVE_SHARED, SHARED_DATASETS } from '../../../support/shared-datasets';

const PAPER = resolve(SHARED_DATASETS, '../paper/how-far-have-medical-vlms-come.md');
/** describeShared for the paper: skipped by name when ../shared (or the paper in it) is absent. */
function describePaper(name: string, fn: () => void): void {
  if (HAVE_SHARED && existsSync(PAPER)) describe(name, fn);
  else describe.skip(`${name} [skipped: paper not found at ${PAPER}]`, fn);
}

interface PrintedRow {
  label: string;
  group: 'general' | 'medical';
  cells: string[];
}

/** Independent reader of the paper's three tab-separated tables: header line "Model\tMedXpert…", group lines, rows. */
function readPrintedTables(text: string): { header: string[]; rows: PrintedRow[] }[] {
  const lines = text.split('\n');
  const tables: { header: string[]; rows: PrintedRow[] }[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('Model\tMedXpert')) return;
    const header = line.split('\t').filter((c) => c !== '');
    const rows: PrintedRow[] = [];
    let group: 'general' | 'medical' | null = null;
    for (let j = i + 1; j < lines.length; j++) {
      const cols = (lines[j] ?? '').split('\t');
      const first = cols[0] ?? '';
      if (first.trim() === '') break;
      if (first.startsWith('General-purpose')) group = 'general';
      else if (first.startsWith('Medical-specific')) group = 'medical';
      else {
        if (group === null) throw new Error(`row before any group header: ${first}`);
        rows.push({ label: first, group, cells: cols.slice(1).filter((c) => c !== '') });
      }
    }
    tables.push({ header, rows });
  });
  return tables;
}

describePaper('paper values vs the paper text', () => {
  // Read lazily: a skipped suite still collects its body, and must not touch a missing file.
  let cache: ReturnType<typeof readPrintedTables> | null = null;
  const tables = (): ReturnType<typeof readPrintedTables> => (cache ??= readPrintedTables(readFileSync(PAPER, 'utf8')));

  it('finds exactly three tables with the seven columns in our order', () => {
    expect(tables()).toHaveLength(3);
    for (const t of tables()) expect(t.header).toEqual(['Model', ...TABLE_COLUMNS.map((c) => c.label)]);
  });

  it.each([1, 2, 3] as const)('Table %i: every row label, group, order and value as printed', (kind: TableKind) => {
    const table = tables()[kind - 1];
    const ours = PAPER_TABLES[kind];
    expect(table?.rows.map((r) => r.label)).toEqual(ours.map((r) => r.label));
    expect(table?.rows.map((r) => r.group)).toEqual(ours.map((r) => r.group));
    ours.forEach((row, i) => {
      const cells = table?.rows[i]?.cells ?? [];
      expect(cells).toHaveLength(7);
      TABLE_COLUMNS.forEach((col, j) => {
        const text = cells[j] ?? '';
        expect(text, `${row.label} ${col.label}`).toMatch(/^0\.\d{4}$/);
        expect(row.values[col.benchmark].toFixed(4), `${row.label} ${col.label}`).toBe(text);
        expect(paperValue(kind, row.model, col.benchmark)).toBe(Number(text));
      });
    });
  });
});

describe('paper values vs the registry', () => {
  it('uses registry ids, registry groups, and Table 1 labels equal to the registry paperLabel', () => {
    for (const kind of [1, 2, 3] as const) {
      expect(new Set(PAPER_TABLES[kind].map((r) => r.model)).size).toBe(10);
      for (const row of PAPER_TABLES[kind]) {
        const entry = findModel(row.model);
        expect(entry, row.model).toBeDefined();
        expect(entry?.group).toBe(row.group);
        if (kind === 1) expect(row.label).toBe(entry?.paperLabel);
      }
    }
  });
  it('keeps the printed quirks: MiMo RL before SFT, "Huatuo-GPT-Vision-32E", "Qwen 2.5-VL-72B" in Table 1', () => {
    const labels = PAPER_TABLES[1].map((r) => r.label);
    expect(labels.indexOf('MiMo-VL-7B-RL')).toBeLessThan(labels.indexOf('MiMo-VL-7B-SFT'));
    expect(labels).toContain('Huatuo-GPT-Vision-32E');
    expect(labels).toContain('Qwen 2.5-VL-72B');
    expect(PAPER_TABLES[2].map((r) => r.label)).toContain('Huatuo-GPT-Vision-32');
  });
  it('returns null for a model the paper does not have', () => {
    expect(paperValue(1, 'phi-3.5-vision', 'slake')).toBeNull();
  });
});
