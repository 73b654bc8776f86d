// `tables`: merges result files by model and prints the registry's tables (optionally beside the paper's rows).
// Without --table every table is printed, in every format (CSV: one long-form file, the `table` column tells them
// apart). Results files are streamed; their problems are printed capped.
import { mergeRuns, type ResultRun } from '../../core/results';
import {
  TABLE_KINDS,
  assembleTable,
  parseTableKind,
  tablesToCsv,
  toJson,
  toLatex,
  toMarkdown,
  type Table,
  type TableKind,
} from '../../core/tables';
import { oneOf, optionalString, parseCommandArgs } from '../args';
import { readTagsOption } from '../classify/read-tags';
import { type CliIO, usageError } from '../io';
import { readResultsFile, reportResultsFile } from '../results-files';

const FORMATS = ['md', 'csv', 'latex', 'json'] as const;
type Format = (typeof FORMATS)[number];

function render(format: Format, tables: readonly Table[]): string {
  if (format === 'csv') return tablesToCsv(tables);
  if (format === 'json') {
    const outputs = tables.map(toJson);
    return outputs.length > 1 ? `[${outputs.join(',')}]\n` : outputs.join('');
  }
  return tables.map(format === 'md' ? toMarkdown : toLatex).join('\n');
}

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
  const format = oneOf<Format>('tables', 'format', optionalString(p, 'format'), FORMATS, 'md');
  const named = tableKindArg(optionalString(p, 'table'));
  const kinds: readonly TableKind[] = named !== null ? [named] : TABLE_KINDS;
  const paper = p.values['paper'] === true;
  if (p.positionals.length === 0 && !paper)
    throw usageError("tables: give one or more results files (or --paper for the paper's reference rows alone).");

  const runs: ResultRun[] = [];
  let problems = 0;
  let recounted = 0;
  for (const file of p.positionals) {
    const parsed = await readResultsFile(io, file);
    reportResultsFile(io, file, parsed);
    problems += parsed.problemCount;
    recounted += parsed.recounted.total;
    runs.push(...parsed.runs);
  }
  if (p.positionals.length > 0 && runs.length === 0)
    throw usageError(
      `tables: no results found in ${p.positionals.join(', ')}; each file must start with a {"type":"manifest",…} line (see README, "Results file format").`,
    );
  const merged = mergeRuns(runs);
  const tags = await readTagsOption(p, io);
  io.stdout(
    render(
      format,
      kinds.map((k) => assembleTable(k, merged, { paper, ...(tags ? { tags } : {}) })),
    ),
  );
  if (problems) io.stderr(`${problems} problem line(s) skipped; the tables use every valid line.\n`);
  if (recounted) io.stderr(`${recounted} result line(s) recounted from their letter and gold.\n`);
  return 0;
}
