// `tables`: merges result files by model and prints the registry's tables (optionally beside the paper's rows).
import { parseResultsJsonl, mergeRuns, type ResultRun } from '../../core/results';
import {
  DEFAULT_TABLE_KIND,
  TABLE_KINDS,
  assembleTable,
  parseTableKind,
  toCsv,
  toJson,
  toLatex,
  toMarkdown,
  type TableKind,
} from '../../core/tables';
import { oneOf, optionalString, parseCommandArgs } from '../args';
import { readTagsOption } from '../classify/read-tags';
import { readUserFile } from '../files';
import { type CliIO, usageError } from '../io';

const FORMATS = { md: toMarkdown, csv: toCsv, latex: toLatex, json: toJson } as const;
type Format = keyof typeof FORMATS;

/** --table names one table of the registry (by kind); null when absent. */
function tableKindArg(value: string | undefined): TableKind | null {
  if (value === undefined) return null;
  const kind = parseTableKind(value);
  if (kind === null) throw usageError(`tables: --table must be one of ${TABLE_KINDS.join(', ')} (got '${value}').`);
  return kind;
}

export async function tablesCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommandArgs(
    'tables',
    argv,
    {
      table: { type: 'string' },
      format: { type: 'string' },
      paper: { type: 'boolean' },
      tags: { type: 'string', multiple: true },
    },
    true,
  );
  const format = oneOf<Format>('tables', 'format', optionalString(p, 'format'), ['md', 'csv', 'latex', 'json'], 'md');
  const named = tableKindArg(optionalString(p, 'table'));
  // Every table unless one is named; csv holds one table per file, so it defaults to the first.
  const kinds: readonly TableKind[] = named !== null ? [named] : format === 'csv' ? [DEFAULT_TABLE_KIND] : TABLE_KINDS;
  const paper = p.values['paper'] === true;
  if (p.positionals.length === 0 && !paper)
    throw usageError("tables: give one or more results files (or --paper for the paper's reference rows alone).");

  const runs: ResultRun[] = [];
  let problems = 0;
  for (const file of p.positionals) {
    const parsed = parseResultsJsonl(await readUserFile(io, file, 'results file'), file);
    for (const pr of parsed.problems) io.stderr(`${file}:${pr.line}: ${pr.message}\n`);
    problems += parsed.problems.length;
    runs.push(...parsed.runs);
  }
  if (p.positionals.length > 0 && runs.length === 0)
    throw usageError(
      `tables: no results found in ${p.positionals.join(', ')}; each file must start with a {"type":"manifest",…} line (see README, "Results file format").`,
    );
  const merged = mergeRuns(runs);
  const tags = await readTagsOption(p, io);
  const outputs = kinds.map((k) => FORMATS[format](assembleTable(k, merged, { paper, ...(tags ? { tags } : {}) })));
  io.stdout(format === 'json' && outputs.length > 1 ? `[${outputs.join(',')}]\n` : outputs.join('\n'));
  if (problems) io.stderr(`${problems} problem line(s) skipped; the tables use every valid line.\n`);
  return 0;
}
