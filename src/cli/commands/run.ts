// `run`: evaluates a served model (vLLM, SGLang, LMDeploy) on one or more benchmarks (whole or sampled) over the
// OpenAI API, storing each result as it arrives in a JSONL file per benchmark that `tables` reads. Rerunning the
// same command resumes every file.
// Exit codes: 0 every item has a result, 1 some failed permanently (listed) or the run stopped early (every item
// failing the same way), 2 bad arguments or endpoint setup, 130/143 stopped by SIGINT/SIGTERM (run-signals.ts).
import { checkEndpoints, redact } from '../../backends/openai';
import { EvalError, type ErrorCode, isEvalError } from '../../core/errors';
import { MODELS } from '../../core/models/registry';
import { GENERATION_DEFAULTS, buildRunManifest, createRunControl, runEvaluation } from '../../core/run';
import type { RunOutcome, RunSpec } from '../../core/run';
import { summarize } from '../../core/score';
import type { ExtractMode } from '../../core/types';
import { createFsStore } from '../../storage/fs';
import { oneOf, optionalString, parseCommandArgs, requireString } from '../args';
import type { Parsed } from '../args';
import { CLI_BACKENDS } from '../backends';
import type { CliBackendKind } from '../backends';
import type { CliIO } from '../io';
import { usageError } from '../io';
import { createProgressRenderer } from '../progress';
import { formatRunReport } from '../run-report';
import type { RunReportPart } from '../run-report';
import { parseBenchmarkArgs, parseOutTarget, planRuns } from '../run-plan';
import { handleRunSignals } from '../run-signals';
import type { PlannedRun } from '../run-plan';
import { SAMPLE_OPTIONS, SAMPLE_USAGE, parseSampleArgs } from '../sample-args';

export const RUN_USAGE = `usage: medvlm-bench run --benchmark <id>[,<id>…] --data <dir|zip|url> [--data … one per benchmark]
                        --endpoint <url> [--endpoint <url> …] --model <served model name>
                        (--out <results.jsonl> | --out-dir <dir>) [options]
  --benchmark <id,…>      one or more benchmarks (comma-separated or repeated), run one plan through the same endpoints
  --data <dir|zip|url>    one per benchmark, in the same order
  --variant <name>        benchmark variant, one per benchmark in the same order (default: each benchmark's default)
  --out <file>            the results file (one benchmark only)
  --out-dir <dir>         one results file per model × benchmark:
                          <model-id>__<benchmark>__<variant>[__sample-<n>-seed-<s>].jsonl
  --model-id <id>         registry id the results merge on (default: looked up from --model)
  --concurrency <n>       items in flight in total, all benchmarks together (default 32)
  --max-in-flight <n>     per endpoint (default: --concurrency)
  --api-key-env <VAR>     read the API key from this environment variable (never printed or stored)
  --max-new-tokens <n>    default ${GENERATION_DEFAULTS.maxNewTokens}
  --max-pixels <n>        image cap before sending (default ${GENERATION_DEFAULTS.maxPixels})
  --timeout <s>           per request attempt, a wall-clock deadline from request to last byte (default 600)
  --max-response-bytes <n> cap on one answer's bytes after decompression (default 1 MiB + 1 KiB per new token)
  --retries <n>           attempts per request for transient errors (default 6)
${SAMPLE_USAGE}  --limit <n>             only the first n items (of the sample, with --sample)
  --mode paper|lenient    answer extraction (default paper)
  --skip-check            do not call GET /v1/models first
Rerunning the same command resumes every results file.
`;

/** Store failures that mean --out names the wrong file: reported as argument errors (exit 2). */
const WRONG_OUT_FILE: ReadonlySet<ErrorCode> = new Set(['store/incompatible', 'store/locked', 'store/unreadable']);

/** From the first SIGINT/SIGTERM to a forced exit, should saving and releasing the results file hang. */
const SIGNAL_GRACE_MS = 10_000;

/** The CLI evaluates served models: the backend kind it resolves through the registry. */
const BACKEND: CliBackendKind = 'openai';

function positiveInt(p: Parsed, name: string, fallback: number): number {
  const raw = optionalString(p, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n) || n < 1)
    throw usageError(`run: --${name} must be a whole number ≥ 1 (got '${raw}').`);
  return n;
}

function resolveModelId(served: string, explicit: string | undefined, io: CliIO): string {
  if (explicit !== undefined) return explicit;
  const lower = served.toLowerCase();
  const entry = MODELS.find(
    (m) => m.remoteName.toLowerCase() === lower || m.hfRepo.toLowerCase() === lower || m.id === lower,
  );
  if (entry !== undefined) return entry.id;
  io.stderr(
    `note: '${served}' is not in the model registry; results are stored under model id '${served}' (pass --model-id to choose).\n`,
  );
  return served;
}

export async function runCommand(argv: string[], io: CliIO): Promise<number> {
  const p = parseCommandArgs('run', argv, {
    benchmark: { type: 'string', multiple: true },
    data: { type: 'string', multiple: true },
    variant: { type: 'string', multiple: true },
    endpoint: { type: 'string', multiple: true },
    model: { type: 'string' },
    'model-id': { type: 'string' },
    concurrency: { type: 'string' },
    'max-in-flight': { type: 'string' },
    'api-key-env': { type: 'string' },
    'max-new-tokens': { type: 'string' },
    'max-pixels': { type: 'string' },
    timeout: { type: 'string' },
    'max-response-bytes': { type: 'string' },
    retries: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
    'out-dir': { type: 'string' },
    ...SAMPLE_OPTIONS,
    mode: { type: 'string' },
    'skip-check': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (p.values['help'] === true) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const benchmarks = parseBenchmarkArgs(p);
  const endpoints = (p.values['endpoint'] as string[] | undefined) ?? [];
  if (endpoints.length === 0)
    throw usageError(
      "run: --endpoint is required (the server's base URL, e.g. http://127.0.0.1:8000/v1); repeat it for several servers.",
    );
  const served = requireString('run', p, 'model');
  const outTarget = parseOutTarget(p, benchmarks.length, io.cwd);
  const sampling = parseSampleArgs('run', p);
  const concurrency = positiveInt(p, 'concurrency', 32);
  const maxInFlight = positiveInt(p, 'max-in-flight', concurrency);
  const maxNewTokens = positiveInt(p, 'max-new-tokens', GENERATION_DEFAULTS.maxNewTokens);
  const maxPixels = positiveInt(p, 'max-pixels', GENERATION_DEFAULTS.maxPixels);
  const timeoutMs = positiveInt(p, 'timeout', 600) * 1000;
  const retries = positiveInt(p, 'retries', 6);
  const maxResponseBytes =
    optionalString(p, 'max-response-bytes') === undefined ? undefined : positiveInt(p, 'max-response-bytes', 1);
  const limit = optionalString(p, 'limit') === undefined ? undefined : positiveInt(p, 'limit', 1);
  const mode = oneOf<ExtractMode>('run', 'mode', optionalString(p, 'mode'), ['paper', 'lenient'], 'paper');
  const keyVar = optionalString(p, 'api-key-env');
  let apiKey: string | undefined;
  if (keyVar !== undefined) {
    apiKey = io.env[keyVar];
    if (apiKey === undefined || apiKey === '')
      throw usageError(`run: --api-key-env ${keyVar}: that environment variable is not set (or empty).`);
  }
  // Belt and braces: whatever a server echoes, the key never reaches the terminal.
  const out: CliIO = {
    ...io,
    stdout: (t) => io.stdout(redact(t, apiKey)),
    stderr: (t) => io.stderr(redact(t, apiKey)),
  };
  const modelId = resolveModelId(served, optionalString(p, 'model-id'), out);
  const backend = CLI_BACKENDS[BACKEND]({
    model: served,
    endpoints,
    maxInFlight,
    ...(apiKey !== undefined ? { apiKey } : {}),
    timeoutMs,
    retries,
    ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
  });

  const plan = await planRuns(benchmarks, { modelId, sampling, limit, out: outTarget }, out);

  if (p.values['skip-check'] !== true) {
    const checks = await checkEndpoints(backend.endpoints, {
      model: served,
      ...(apiKey !== undefined ? { apiKey } : {}),
    });
    for (const c of checks) out.stderr(`${c.ok ? 'ok' : 'problem'}: ${c.message}\n`);
    const fatal = checks.find((c) => c.problem !== null && c.problem !== 'unreachable' && c.problem !== 'timeout');
    if (fatal !== undefined) throw new EvalError('config/endpoint', fatal.message);
    if (checks.every((c) => !c.ok))
      throw new EvalError(
        'backend/unreachable',
        'No endpoint answered: start the server(s) or fix --endpoint, then rerun.',
      );
  }

  const runs: (RunSpec & { planned: PlannedRun })[] = [];
  for (const planned of plan) {
    const manifest = await buildRunManifest({
      source: planned.source,
      loaded: planned.loaded,
      model: modelId,
      backend: BACKEND,
      backendModel: served,
      endpoints: backend.endpoints,
      generation: { maxNewTokens, temperature: GENERATION_DEFAULTS.temperature, maxPixels },
      itemIds: planned.items.map((i) => i.id),
      ...(planned.sample !== undefined ? { sample: planned.sample } : {}),
    });
    const store = createFsStore(planned.outPath, { onWarning: (w) => out.stderr(`note: ${w}\n`) });
    runs.push({ manifest, items: planned.items, store, source: planned.source, planned });
  }
  const control = createRunControl();
  const progress = createProgressRenderer(out);
  const signals = handleRunSignals(control, out, { graceMs: SIGNAL_GRACE_MS });
  let outcome: RunOutcome;
  const parts: RunReportPart[] = [];
  try {
    // One engine call for the whole plan: the benchmarks share the queue, the concurrency and the endpoints.
    outcome = await runEvaluation(
      { backend, runs },
      { concurrency, mode, control, onProgress: (pr) => progress.update(pr) },
    );
    progress.finish(outcome.progress);
    for (const run of runs) {
      const ids = new Set(run.items.map((i) => i.id));
      const results = (await run.store.results()).filter((r) => ids.has(r.id));
      parts.push({
        title: runTitle(run.planned, modelId, served, backend.endpoints, mode),
        summary: summarize(results),
        outPath: run.planned.outPath,
      });
    }
  } catch (e) {
    progress.finish(null);
    // the wrong --out (another run's file, one in use, not a results file) is an argument error: exit 2
    if (isEvalError(e) && WRONG_OUT_FILE.has(e.code)) throw usageError(e.message);
    throw e;
  } finally {
    await backend.dispose();
    for (const run of runs) await run.store.close();
    signals.dispose();
  }
  out.stdout(formatRunReport({ runs: parts, outcome, resumedFrom: outTarget.path }));
  const signalled = signals.exitCode();
  if (signalled !== null) return signalled;
  if (outcome.status === 'cancelled') return 130;
  return outcome.failures.length > 0 ? 1 : 0;
}

function runTitle(
  run: PlannedRun,
  modelId: string,
  served: string,
  endpoints: readonly string[],
  mode: ExtractMode,
): string {
  const sample =
    run.sample === undefined ? '' : ` sample n=${run.sample.n} of ${run.sample.population}, seed ${run.sample.seed};`;
  return `${run.def.id} (${run.loaded.report.variant})${sample} ${modelId} — '${served}' at ${endpoints.join(', ')} [${mode} mode]`;
}
