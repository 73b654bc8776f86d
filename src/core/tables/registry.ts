// The tables this app builds, one frozen entry each: its title, the short label and hint the CLI and the app show,
// and which items it counts. Assembly, the paper's values, the CLI's --table and the app's tabs all read it.
// Imports only types, so the CLI's help can read it without loading the rest of the core.
import type { Tag } from '../types';

interface TableFacts {
  /** Short name: the app's tab, the CLI's list. */
  label: string;
  /** Heading of the assembled table (every export format prints it). */
  title: string;
  /** One phrase on what the table counts. */
  hint: string;
  /** 'all' = every item; a tag = only items with that tag (untagged ones are counted and reported). */
  selects: 'all' | Tag;
}

const REGISTRY = {
  1: { label: 'Table 1', title: 'Table 1. Accuracy on all items', hint: 'all items', selects: 'all' },
  2: {
    label: 'Table 2',
    title: 'Table 2. Accuracy on reasoning items',
    hint: 'reasoning items',
    selects: 'reasoning',
  },
  3: {
    label: 'Table 3',
    title: 'Table 3. Accuracy on understanding items',
    hint: 'understanding items',
    selects: 'understanding',
  },
} as const satisfies Record<number, TableFacts>;

/** 1 = all items, 2 = reasoning items, 3 = understanding items (protocol §5): the registry's keys. */
export type TableKind = keyof typeof REGISTRY;

export interface TableSpec extends TableFacts {
  kind: TableKind;
}

/** Each table's facts by kind, frozen. */
for (const facts of Object.values(REGISTRY)) Object.freeze(facts);
export const TABLE_REGISTRY: Readonly<Record<TableKind, Readonly<TableFacts>>> = Object.freeze(REGISTRY);

/** The kinds in order. */
export const TABLE_KINDS = Object.freeze(Object.keys(REGISTRY).map(Number)) as readonly TableKind[];

/** Every table in order, with its kind (what the app's tabs and the CLI's list iterate). */
export const TABLES: readonly Readonly<TableSpec>[] = Object.freeze(
  TABLE_KINDS.map((kind) => Object.freeze({ kind, ...REGISTRY[kind] })),
);

/** The table shown or printed when none is asked for. */
export const DEFAULT_TABLE_KIND: TableKind = 1;

/** The table a CLI argument or URL parameter names ("1", "2", …); null for anything else. */
export function parseTableKind(text: string | null | undefined): TableKind | null {
  return TABLE_KINDS.find((k) => String(k) === text) ?? null;
}
