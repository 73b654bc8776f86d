// The table registry: one frozen entry per table, read by assembly (titles, item selection, paper rows), the
// CLI's --table and the app's tabs.
import { describe, expect, it } from 'vitest';
import { main, usage } from '../../../../src/cli/main';
import {
  DEFAULT_TABLE_KIND,
  PAPER_TABLES,
  TABLES,
  TABLE_KINDS,
  TABLE_REGISTRY,
  assembleTable,
  parseTableKind,
} from '../../../../src/core/tables';
import type { ResultRun } from '../../../../src/core/results';
import { captureIO } from '../../../support/cli-io';
import { REPO_ROOT } from '../../../support/shared-datasets';
import { manifest, result } from '../results/make-results';

describe('table registry', () => {
  it('lists Tables 1–3 in order, frozen, each with a title, label, hint and item selection', () => {
    expect(TABLE_KINDS).toEqual([1, 2, 3]);
    expect(TABLES.map((t) => t.kind)).toEqual([...TABLE_KINDS]);
    expect(TABLES.map((t) => t.selects)).toEqual(['all', 'reasoning', 'understanding']);
    expect(TABLE_REGISTRY[2].title).toBe('Table 2. Accuracy on reasoning items');
    expect(DEFAULT_TABLE_KIND).toBe(TABLE_KINDS[0]);
    expect(Object.isFrozen(TABLE_REGISTRY) && Object.isFrozen(TABLES) && Object.isFrozen(TABLE_KINDS)).toBe(true);
    for (const t of TABLES) {
      expect(Object.isFrozen(t) && Object.isFrozen(TABLE_REGISTRY[t.kind])).toBe(true);
      expect(t).toMatchObject(TABLE_REGISTRY[t.kind]);
      expect(t.title.startsWith(t.label)).toBe(true);
      expect(t.hint.length).toBeGreaterThan(0);
      // every table has the paper's rows (an empty list for a table the paper does not print)
      expect(Array.isArray(PAPER_TABLES[t.kind])).toBe(true);
    }
  });

  it('parses a table named by its kind, and nothing else', () => {
    for (const k of TABLE_KINDS) expect(parseTableKind(String(k))).toBe(k);
    for (const bad of ['0', '4', '01', ' 1', '1.0', 'one', '', null, undefined]) expect(parseTableKind(bad)).toBeNull();
  });

  it('assembles each table with its registry title, counting the items its entry selects', () => {
    const results = [
      result('1', { correct: true, tag: 'reasoning' }),
      result('2', { correct: false, tag: 'understanding' }),
      result('3', { correct: true, tag: 'understanding' }),
      result('4', { correct: true, tag: null }),
    ];
    const runs: ResultRun[] = [{ manifest: manifest(), results }];
    const expected = { all: 4, reasoning: 1, understanding: 2 } as const;
    for (const t of TABLES) {
      const table = assembleTable(t.kind, runs);
      expect(table.title).toBe(t.title);
      const cell = table.groups[0]?.rows[0]?.cells['vqa-rad'];
      expect(cell?.source === 'measured' && cell.n).toBe(expected[t.selects]);
    }
  });
});

describe('the CLI reads the registries', () => {
  it('usage lists the table kinds and the benchmark ids', () => {
    expect(usage()).toContain(`--table ${TABLE_KINDS.join('|')}`);
    expect(usage()).toMatch(/benchmarks: medxpertqa, omnimedvqa, pmc-vqa, pathvqa, mmmu-med, slake, vqa-rad/);
  });

  it('--table accepts each registry kind and refuses others with the registry list', async () => {
    for (const t of TABLES) {
      const io = captureIO(REPO_ROOT);
      expect(await main(['tables', '--paper', '--table', String(t.kind), '--format', 'json'], io)).toBe(0);
      expect((JSON.parse(io.out()) as { table: { title: string } }).table.title).toBe(t.title);
    }
    const io = captureIO(REPO_ROOT);
    expect(await main(['tables', '--paper', '--table', '7'], io)).toBe(2);
    expect(io.err()).toContain(`--table must be one of ${TABLE_KINDS.join(', ')} (got '7')`);
  });

  it('prints every registry table when none is named', async () => {
    const io = captureIO(REPO_ROOT);
    expect(await main(['tables', '--paper', '--format', 'json'], io)).toBe(0);
    const printed = JSON.parse(io.out()) as { table: { title: string } }[];
    expect(printed.map((p) => p.table.title)).toEqual(TABLES.map((t) => t.title));
  });
});
