// `compare`: two results files of one benchmark and variant, paired by item id — who is right where the other is
// wrong, the accuracy difference with its interval, and McNemar's test. The numbers come from core/score/compare.ts.
import { EvalError } from '../../core/errors';
import { mergeRunsReport, type ResultRun } from '../../core/results';
import { comparePaired, MCNEMAR_EXACT_BELOW, type PairedComparison } from '../../core/score';
import type { ExtractMode, RunManifest } from '../../core/types';
import { oneOf, optionalString, parseCommandArgs } from '../args';
import { type CliIO, usageError } from '../io';
import { readResultsFile, reportResultsFile } from '../results-files';

/** Manifest fields that should agree for a fair comparison but do not make one meaningless: noted, not refused. */
const NOTED_FIELDS = ['benchmarkVersion', 'promptVersion', 'extractorVersion', 'dataHash'] as const;

const incomparable = (message: string): EvalError => new EvalError('config/incomparable-runs', message);

/** One file → its one run (resumed runs in a file are merged first, as `tables` does). */
async function readRun(io: CliIO, file: string): Promise<ResultRun> {
  const parsed = await readResultsFile(io, file);
  const { runs } = mergeRunsReport(parsed.runs);
  const first = runs[0];
  if (first === undefined) {
    // Its problems would be one per line (a predictions file, say): name the first, not all of them.
    const why = parsed.problems[0];
    throw new EvalError(
      'config/not-results',
      `compare: ${file} holds no results${why ? ` (line ${why.line}: ${why.message})` : ''}; ` +
        'give two results files written by run or score --out (they start with a {"type":"manifest",…} line).',
    );
  }
  if (runs.length > 1)
    throw incomparable(
      `compare: ${file} holds ${runs.length} runs (${runs.map((r) => describeRun(r.manifest)).join('; ')}); ` +
        'compare needs one run per file — split it, or compare with the file holding just the run you mean.',
    );
  // Problem lines (the first few, then a count), and results recounted from their letter and gold: the pairing
  // below uses the recounted `correct`.
  reportResultsFile(io, file, parsed);
  return first;
}

function describeRun(m: RunManifest): string {
  return `${m.model} on ${m.benchmark}/${m.variant}`;
}

/** Results scored in another mode than asked: refused, since stored results cannot be re-scored without the items. */
function checkMode(file: string, run: ResultRun, mode: ExtractMode): void {
  const other = [...new Set(run.results.map((r) => r.mode))].filter((m) => m !== mode);
  const found = other[0];
  if (found === undefined) return;
  throw incomparable(
    `compare: ${file} holds results scored in ${found} mode, not ${mode}; pass --mode ${found} if both files were ` +
      `scored that way, or re-score the outputs in one mode with 'medvlm-bench score --mode ${mode}'.`,
  );
}

const signed = (x: number): string => (x >= 0 ? '+' : '') + x.toFixed(4);
const formatP = (p: number): string => (p >= 0.0001 ? p.toFixed(4) : p.toExponential(2));

function describeMethod(c: PairedComparison): string {
  const pairs = `${c.onlyA + c.onlyB} discordant pair(s)`;
  return c.method === 'exact'
    ? `exact two-sided binomial test on ${pairs} (exact below ${MCNEMAR_EXACT_BELOW})`
    : `chi-square with continuity correction on ${pairs}`;
}

function formatHuman(
  files: [string, string],
  runs: [RunManifest, RunManifest],
  mode: ExtractMode,
  c: PairedComparison,
): string {
  const rows = [
    ['', 'file', 'model', 'correct', 'accuracy'],
    ['A', files[0], runs[0].model, String(c.aCorrect), (c.aCorrect / c.nCommon).toFixed(4)],
    ['B', files[1], runs[1].model, String(c.bCorrect), (c.bCorrect / c.nCommon).toFixed(4)],
  ];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  // Text columns left-aligned, numbers right-aligned.
  const table = rows.map(
    (r) => '  ' + r.map((cell, i) => (i >= 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join('  '),
  );
  const bothWrong = c.nCommon - c.bothCorrect - c.onlyA - c.onlyB;
  const lines = [
    `${runs[0].benchmark} (${runs[0].variant}) [${mode} mode]: ${c.nCommon} items in both files`,
    ...table.map((l) => l.trimEnd()),
    `  both correct ${c.bothCorrect}, only A ${c.onlyA}, only B ${c.onlyB}, both wrong ${bothWrong}; agreement ${c.agreement.toFixed(4)}`,
    `  A − B ${signed(c.diff)}  95% CI [${signed(c.diffInterval[0])}, ${signed(c.diffInterval[1])}] (Wald, paired)`,
    `  McNemar p ${formatP(c.mcnemarP)}: ${describeMethod(c)}`,
  ];
  if (c.unpairedA + c.unpairedB > 0)
    lines.push(`  left out: ${c.unpairedA} item(s) only in ${files[0]}, ${c.unpairedB} only in ${files[1]}`);
  if (c.onlyA + c.onlyB > 0) lines.push('  (--json lists the discordant item ids)');
  return lines.join('\n') + '\n';
}

/** The JSON keys are the documented snake_case ones, in this order. */
function toJson(c: PairedComparison): string {
  return JSON.stringify({
    n_common: c.nCommon,
    a_correct: c.aCorrect,
    b_correct: c.bCorrect,
    both_correct: c.bothCorrect,
    only_a: c.onlyA,
    only_b: c.onlyB,
    agreement: c.agreement,
    diff: c.diff,
    diff_interval: c.diffInterval,
    mcnemar_p: c.mcnemarP,
    method: c.method,
    unpaired_a: c.unpairedA,
    unpaired_b: c.unpairedB,
    discordant: { only_a: c.discordant.onlyA, only_b: c.discordant.onlyB },
  });
}

export async function compareCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommandArgs('compare', argv, { json: { type: 'boolean' }, mode: { type: 'string' } }, true);
  const mode = oneOf<ExtractMode>('compare', 'mode', optionalString(p, 'mode'), ['paper', 'lenient'], 'paper');
  const [fileA, fileB, ...extra] = p.positionals;
  if (fileA === undefined || fileB === undefined || extra.length > 0)
    throw usageError(
      `compare: give exactly two results files (got ${p.positionals.length}): medvlm-bench compare <a.jsonl> <b.jsonl>.`,
    );
  const a = await readRun(io, fileA);
  const b = await readRun(io, fileB);
  const ma = a.manifest;
  const mb = b.manifest;
  if (ma.benchmark !== mb.benchmark || ma.variant !== mb.variant)
    throw incomparable(
      `compare: ${fileA} is ${ma.benchmark}/${ma.variant} but ${fileB} is ${mb.benchmark}/${mb.variant}; ` +
        'compare two runs of the same benchmark and variant.',
    );
  checkMode(fileA, a, mode);
  checkMode(fileB, b, mode);
  const differing = NOTED_FIELDS.filter((f) => ma[f] !== mb[f]);
  if (differing.length > 0)
    io.stderr(
      `note: the runs differ in ${differing.map((f) => `${f} (${ma[f]} vs ${mb[f]})`).join(', ')}; ` +
        'the difference may come from that, not only from the models.\n',
    );

  const c = comparePaired(a.results, b.results);
  if (c.nCommon === 0)
    throw new EvalError(
      'config/no-common-items',
      `compare: ${fileA} (${a.results.length} results) and ${fileB} (${b.results.length}) share no item id; ` +
        'compare runs over the same items (same data, same --limit).',
    );
  io.stdout(p.values['json'] === true ? toJson(c) + '\n' : formatHuman([fileA, fileB], [ma, mb], mode, c));
  return 0;
}
