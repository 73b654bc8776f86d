// `score`: scores stored predictions ({"id","output"} JSONL) against a benchmark; never needs the model.
import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { getBenchmark } from '../../core/benchmarks';
import { EXTRACTOR_VERSION } from '../../core/extract';
import { hashDataFiles, hashItemIds } from '../../core/hash';
import { PROMPT_VERSION } from '../../core/prompt';
import { buildManifest, formatProblems, serializeManifest, serializeResult } from '../../core/results';
import { GENERATION_DEFAULTS } from '../../core/run/generation-defaults';
import {
  grouped,
  groupByMeta,
  groupByTag,
  metaFields,
  summarize,
  toItemResult,
  toMissingResult,
  type Summary,
} from '../../core/score';
import type { ExtractMode, ItemResult } from '../../core/types';
import { APP_VERSION } from '../../core/version';
import { resolveDataSource } from '../../data/resolve-source';
import { oneOf, optionalString, parseCommandArgs, requireString } from '../args';
import { type CliIO, usageError } from '../io';
import { loadData } from '../load-data';
import { formatGroups, formatLoadReport, pct } from '../report';
import { readPredictionsFile } from '../results-files';
import { SAMPLE_OPTIONS, applySample, parseSampleArgs } from '../sample-args';

export async function scoreCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommandArgs('score', argv, {
    benchmark: { type: 'string' },
    data: { type: 'string' },
    variant: { type: 'string' },
    predictions: { type: 'string' },
    mode: { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
    'skip-missing': { type: 'boolean' },
    'max-new-tokens': { type: 'string' },
    ...SAMPLE_OPTIONS,
    by: { type: 'string' },
  });
  const def = getBenchmark(requireString('score', p, 'benchmark'));
  const data = requireString('score', p, 'data');
  const predictionsPath = requireString('score', p, 'predictions');
  const mode = oneOf<ExtractMode>('score', 'mode', optionalString(p, 'mode'), ['paper', 'lenient'], 'paper');
  const model = optionalString(p, 'model') ?? basename(predictionsPath).replace(/\.jsonl?$/, '');
  // The predictions were generated elsewhere: record their token budget only when the user states it (0 = unknown).
  const maxNewTokensArg = optionalString(p, 'max-new-tokens');
  const maxNewTokens = maxNewTokensArg === undefined ? 0 : Number(maxNewTokensArg);
  if (!Number.isInteger(maxNewTokens) || (maxNewTokensArg !== undefined && maxNewTokens < 1))
    throw usageError(`score: --max-new-tokens must be a whole number ≥ 1 (got '${maxNewTokensArg ?? ''}').`);

  const sampling = parseSampleArgs('score', p);
  const source = resolveDataSource(data, io.cwd);
  const loaded = await loadData(source, def, optionalString(p, 'variant'));
  const { report } = loaded;
  io.stderr(formatLoadReport(report));
  // Predictions for items outside the sample are left out like unknown ones: the score is the sample's.
  const { items, sample } = await applySample('score', loaded, sampling, io);
  const parsed = await readPredictionsFile(io, predictionsPath);
  for (const line of formatProblems(predictionsPath, parsed.problems, parsed.problemCount)) io.stderr(`${line}\n`);

  // As the paper counts: accuracy over every item of the benchmark (or sample), an item with no prediction wrong
  // (status `missing`); --skip-missing scores only the predicted items.
  const skipMissing = p.values['skip-missing'] === true;
  const byId = new Map(parsed.predictions.map((x) => [x.id, x.output]));
  const results: ItemResult[] = [];
  let missing = 0;
  for (const item of items) {
    const output = byId.get(item.id);
    if (output !== undefined) results.push(toItemResult(item, output, { model, mode }));
    else {
      missing++;
      if (!skipMissing) results.push(toMissingResult(item, { model, mode }));
    }
  }
  const known = new Set(items.map((i) => i.id));
  const loadedIds = new Set(loaded.items.map((i) => i.id));
  const unknown = parsed.predictions.filter((x) => !loadedIds.has(x.id)).length;
  const outside = parsed.predictions.filter((x) => loadedIds.has(x.id) && !known.has(x.id)).length;
  if (missing)
    io.stderr(
      skipMissing
        ? `note: ${missing} of ${items.length} items have no prediction and are left out of the score (--skip-missing).\n`
        : `note: ${missing} of ${items.length} items have no prediction: counted wrong (status missing), as the paper counts; --skip-missing leaves them out.\n`,
    );
  if (outside) io.stderr(`note: ${outside} predictions are for items outside the sample (not scored).\n`);
  if (unknown)
    io.stderr(
      `note: ${unknown} predictions name ids that are not items of ${def.id}/${report.variant} (ignored); check --benchmark/--variant.\n`,
    );

  const s = summarize(results);
  const by = optionalString(p, 'by');
  const groups = by === undefined ? undefined : groupResults(io, results, by);
  if (p.values['out'] !== undefined) {
    const out = requireString('score', p, 'out');
    const manifest = buildManifest({
      appVersion: APP_VERSION,
      benchmark: def.id,
      benchmarkVersion: def.version,
      variant: report.variant,
      model,
      backend: 'import',
      backendModel: model,
      promptVersion: PROMPT_VERSION,
      extractorVersion: EXTRACTOR_VERSION,
      dataHash: await hashDataFiles(source, report.files),
      itemIdsHash: await hashItemIds(items.map((i) => i.id)),
      generation: { maxNewTokens, temperature: GENERATION_DEFAULTS.temperature },
      ...(sample !== undefined ? { sample } : {}),
    });
    await writeFile(resolve(io.cwd, out), serializeManifest(manifest) + results.map(serializeResult).join(''));
    io.stderr(`wrote ${results.length} results to ${out}\n`);
  }
  if (p.values['json'] === true) {
    io.stdout(
      JSON.stringify({
        benchmark: def.id,
        variant: report.variant,
        model,
        mode,
        ...s,
        missing,
        missingCounted: !skipMissing,
        items: items.length,
        unknown,
        ...(sample !== undefined ? { sample } : {}),
        groups,
      }) + '\n',
    );
  } else {
    io.stdout(
      `${def.id} (${report.variant}) ${model} [${mode} mode]${sample !== undefined ? ` — sample n=${sample.n} of ${sample.population}, seed ${sample.seed}` : ''}\n` +
        `n ${s.n}  correct ${s.correct}  accuracy ${s.accuracy.toFixed(4)}  95% CI [${s.interval[0].toFixed(4)}, ${s.interval[1].toFixed(4)}]  parse failures ${pct(s.parseFailureRate)}\n` +
        'statuses: ' +
        Object.entries(s.statuses)
          .filter(([, n]) => n > 0)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ') +
        '\n' +
        describeMissing(missing, items.length, skipMissing) +
        (by !== undefined && groups !== undefined ? formatGroups(by, groups) : ''),
    );
  }
  return 0;
}

/** The summary's line on items without a prediction, printed either way so the reader knows what n covers. */
function describeMissing(missing: number, items: number, skipped: boolean): string {
  if (missing === 0) return `missing 0 of ${items} items: every item has a prediction\n`;
  return skipped
    ? `missing ${missing} of ${items} items: left out (--skip-missing), so n counts only the predicted items\n`
    : `missing ${missing} of ${items} items: counted wrong, so accuracy is over all ${items} items\n`;
}

/**
 * Per-group summaries through the one grouping function: `tag` groups by the understanding/reasoning tag, any other
 * name by that meta field. A field no result carries gives no groups and one line naming the fields there are.
 */
function groupResults(io: CliIO, results: readonly ItemResult[], by: string): Record<string, Summary> {
  const groups = grouped(results, by === 'tag' ? groupByTag : groupByMeta(by));
  if (Object.keys(groups).length === 0 && results.length > 0) {
    const fields = metaFields(results);
    io.stderr(
      by === 'tag'
        ? 'note: no result carries an understanding/reasoning tag (only MedXpertQA has gold tags today); no groups.\n'
        : `note: no result carries the meta field '${by}'; no groups. The results carry: ${fields.length > 0 ? fields.join(', ') : 'no meta fields'} (or --by tag).\n`,
    );
  }
  return groups;
}
