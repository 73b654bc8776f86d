// Builds a table of the registry (Table 1: all items, 2: reasoning, 3: understanding) from result runs of any origin,
// optionally beside the paper's reference rows, with per-column shading and the difference to the paper.
import { MODELS, findModel } from '../models/registry';
import type { ModelGroup } from '../models/registry';
import { mergeRunsReport } from '../results';
import { summarize } from '../score';
import type { ResultRun } from '../results';
import { describeSampleInfo } from '../sample/describe';
import type { TagSet } from '../classify/tags';
import type { BenchmarkId, ItemResult, RunManifest } from '../types';
import { GROUP_LABELS, TABLE_COLUMNS } from './columns';
import { PAPER_TABLES, paperRowValue, paperValue } from './paper-values';
import { describeAgreement, localServerAgreements } from './agreement';
import { TABLE_REGISTRY } from './registry';
import { effectiveTag, tagNotes } from './tag-notes';
import { selectRun } from './select-runs';
import type { VariantChoice } from './select-runs';
import { shadeLevels } from './shading';
import type { MeasuredCell, Table, TableCell, TableGroup, TableGroupId, TableKind, TableRow } from './types';

export type { TableKind } from './types';

export interface AssembleOptions extends VariantChoice {
  /** Include the paper's rows as reference rows beside the measured ones. */
  paper?: boolean;
  /** Tags from tags files (classify apply): used for Tables 2–3 instead of the results' own, gold labels kept. */
  tags?: TagSet;
}

export function assembleTable(kind: TableKind, runs: readonly ResultRun[], opts: AssembleOptions = {}): Table {
  const { runs: merged, conflicts, notes: mergeNotes } = mergeRunsReport(runs);
  const notes: string[] = [];
  const untaggedByColumn = new Map<BenchmarkId, { items: number; models: Set<string> }>();

  const measuredRows = new Map<string, TableRow>();
  for (const model of [...new Set(merged.map((r) => r.manifest.model))]) {
    const cells = emptyCells();
    for (const col of TABLE_COLUMNS) {
      const candidates = merged.filter((r) => r.manifest.model === model && r.manifest.benchmark === col.benchmark);
      const run = selectRun(model, col.benchmark, candidates, opts, notes);
      if (run === null) continue;
      const { included, untagged } = selectItems(kind, run.results, opts.tags);
      if (untagged > 0) {
        const u = untaggedByColumn.get(col.benchmark) ?? { items: 0, models: new Set<string>() };
        u.items += untagged;
        u.models.add(model);
        untaggedByColumn.set(col.benchmark, u);
      }
      if (included.length === 0) continue;
      const cell = measuredCell(kind, model, col.benchmark, run.manifest, included, untagged);
      cells[col.benchmark] = cell;
      if (run.manifest.sample !== undefined)
        notes.push(`${col.label} · ${model}: ${describeSampleInfo(run.manifest.sample)}, not the whole benchmark`);
    }
    measuredRows.set(model, { model, label: findModel(model)?.label ?? model, source: 'measured', cells });
  }

  const groups = arrangeGroups(kind, measuredRows, opts.paper === true);
  shadeColumns(groups);

  for (const col of TABLE_COLUMNS) {
    const u = untaggedByColumn.get(col.benchmark);
    if (u !== undefined) {
      notes.push(
        `${col.label}: ${u.items} item(s) without an understanding/reasoning tag left out (${u.models.size} model(s)); tag them to complete this table`,
      );
    }
  }
  const selects = TABLE_REGISTRY[kind].selects;
  for (const a of localServerAgreements(runs, (r) => selects === 'all' || r.tag === selects)) {
    const col = TABLE_COLUMNS.find((c) => c.benchmark === a.benchmark);
    if (col !== undefined) notes.push(describeAgreement(a, col.label));
  }
  return {
    kind,
    title: TABLE_REGISTRY[kind].title,
    columns: TABLE_COLUMNS,
    groups,
    notes: [...notes, ...tagNotes(kind, opts.tags), ...conflicts, ...mergeNotes],
  };
}

/** The items a table counts (its registry entry's `selects`): all, or only those with one tag (untagged are counted). */
function selectItems(
  kind: TableKind,
  results: readonly ItemResult[],
  tags: TagSet | undefined,
): { included: ItemResult[]; untagged: number } {
  const selects = TABLE_REGISTRY[kind].selects;
  if (selects === 'all') return { included: [...results], untagged: 0 };
  const tagOf = (r: ItemResult): ItemResult['tag'] => effectiveTag(r, tags);
  return {
    included: results.filter((r) => tagOf(r) === selects),
    untagged: results.filter((r) => tagOf(r) === null).length,
  };
}

function measuredCell(
  kind: TableKind,
  model: string,
  benchmark: BenchmarkId,
  manifest: RunManifest,
  results: readonly ItemResult[],
  untagged: number,
): MeasuredCell {
  const s = summarize(results);
  const paper = paperValue(kind, model, benchmark);
  return {
    source: 'measured',
    value: s.accuracy,
    n: s.n,
    correct: s.correct,
    interval: s.interval,
    parseFailureRate: s.parseFailureRate,
    errors: s.errors,
    untagged,
    paper,
    diff: paper === null ? null : s.accuracy - paper,
    shade: 0,
    variant: manifest.variant,
    sample:
      manifest.sample === undefined
        ? null
        : { n: manifest.sample.n, seed: manifest.sample.seed, population: manifest.sample.population },
  };
}

/** Registry order within general/medical (the paper's row order), paper row right above its measured row; unknown models last. */
function arrangeGroups(kind: TableKind, measured: ReadonlyMap<string, TableRow>, withPaper: boolean): TableGroup[] {
  const rowsOf = (group: ModelGroup): TableRow[] => {
    const rows: TableRow[] = [];
    const ids = [...MODELS.filter((m) => m.group === group).map((m) => m.id)];
    for (const p of PAPER_TABLES[kind]) if (p.group === group && !ids.includes(p.model)) ids.push(p.model);
    for (const id of ids) {
      const paperRow = withPaper ? PAPER_TABLES[kind].find((p) => p.model === id) : undefined;
      if (paperRow !== undefined) {
        const cells = emptyCells();
        for (const col of TABLE_COLUMNS) {
          const value = paperRowValue(paperRow, col.benchmark);
          if (value !== null) cells[col.benchmark] = { source: 'paper', value, shade: 0 };
        }
        rows.push({ model: id, label: paperRow.label, source: 'paper', cells });
      }
      const m = measured.get(id);
      if (m !== undefined) rows.push(m);
    }
    return rows;
  };
  const other = [...measured.values()]
    .filter((r) => findModel(r.model) === undefined)
    .sort((a, b) => a.model.localeCompare(b.model));
  const all: [TableGroupId, TableRow[]][] = [
    ['general', rowsOf('general')],
    ['medical', rowsOf('medical')],
    ['other', other],
  ];
  return all.filter(([, rows]) => rows.length > 0).map(([id, rows]) => ({ id, label: GROUP_LABELS[id], rows }));
}

/** Shades every numeric cell of a column, paper and measured together. */
function shadeColumns(groups: readonly TableGroup[]): void {
  for (const col of TABLE_COLUMNS) {
    const cells: TableCell[] = [];
    for (const g of groups)
      for (const r of g.rows) {
        const c = r.cells[col.benchmark];
        if (c !== null) cells.push(c);
      }
    const levels = shadeLevels(cells.map((c) => c.value));
    cells.forEach((c, i) => {
      c.shade = levels[i] ?? 0;
    });
  }
}

function emptyCells(): Record<BenchmarkId, TableCell | null> {
  const cells = {} as Record<BenchmarkId, TableCell | null>;
  for (const col of TABLE_COLUMNS) cells[col.benchmark] = null;
  return cells;
}
