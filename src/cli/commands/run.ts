// `run`: evaluates a served model (vLLM, SGLang, LMDeploy) on one benchmark over the OpenAI API, storing each
// result as it arrives in a JSONL file that `tables` reads. Rerunning with the same --out resumes.
// Exit codes: 0 every item has a result, 1 some failed permanently (listed), 2 bad arguments or endpoint setup.
import { resolve } from 'node:path';
import { checkEndpoints, redact } from '../../backends/openai';
import { EvalError, type ErrorCode, isEvalError } from '../../core/errors';
import { getBenchmark } from '../../core/benchmarks';
import { MODELS } from '../../core/models/registry';
import { GENERATION_DEFAULTS, buildRunManifest, createRunControl, runEvaluation } from '../../core/run';
import type { RunOutcome } from '../../core/run';
import { summarize } from '../../core/score';
import type { ExtractMode, ItemResult } from '../../core/types';
import { resolveDataSource } from '../../data/resolve-source';
import { createFsStore } from '../../storage/fs';
import { oneOf, optionalString, parseCommandArgs, requireString } from '../args';
import type { Parsed } from '../args';
import { CLI_BACKENDS } from '../backends';
import type { CliBackendKind } from '../backends';
import type { CliIO } from '../io';
import { usageError } from '../io';
import { loadData } from '../load-data';
import { createProgressRenderer } from '../progress';
import { formatLoadReport } from '../report';
import { formatRunReport } from '../run-report';

export const RUN_USAGE = `usage: medvlm-bench run --benchmark <id> --data <dir|zip|url> --endpoint <url> [--endpoint <url> …]
                        --model <served model name> --out <results.jsonl> [options]
  --model-id <id>         registry id the results merge on (default: looked up from --model)
  --variant <name>        benchmark variant (default: the benchmark's default)
  --concurrency <n>       items in flight in total (default 32)
  --max-in-flight <n>     per endpoint (default: --concurrency)
  --api-key-env <VAR>     read the API key from this environment variable (never printed or stored)
  --max-new-tokens <n>    default ${GENERATION_DEFAULTS.maxNewTokens}
  --max-pixels <n>        image cap before sending (default ${GENERATION_DEFAULTS.maxPixels})
  --timeout <s>           per request attempt (default 600)
  --retries <n>           attempts per request for transient errors (default 6)
  --limit <n>             only the first n items
  --mode paper|lenient    answer extraction (default paper)
  --skip-check            do not call GET /v1/models first
`;

/** Store failures that mean --out names the wrong file: reported as argument errors (exit 2). */
const WRONG_OUT_FILE: ReadonlySet<ErrorCode> = new Set(['store/incompatible', 'store/locked', 'store/unreadable']);

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
    benchmark: { type: 'string' },
    data: { type: 'string' },
    variant: { type: 'string' },
    endpoint: { type: 'string', multiple: true },
    model: { type: 'string' },
    'model-id': { type: 'string' },
    concurrency: { type: 'string' },
    'max-in-flight': { type: 'string' },
    'api-key-env': { type: 'string' },
    'max-new-tokens': { type: 'string' },
    'max-pixels': { type: 'string' },
    timeout: { type: 'string' },
    retries: { type: 'string' },
    limit: { type: 'string' },
    out: { type: 'string' },
    mode: { type: 'string' },
    'skip-check': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (p.values['help'] === true) {
    io.stdout(RUN_USAGE);
    return 0;
  }
  const def = getBenchmark(requireString('run', p, 'benchmark'));
  const data = requireString('run', p, 'data');
  const endpoints = (p.values['endpoint'] as string[] | undefined) ?? [];
  if (endpoints.length === 0)
    throw usageError(
      "run: --endpoint is required (the server's base URL, e.g. http://127.0.0.1:8000/v1); repeat it for several servers.",
    );
  const served = requireString('run', p, 'model');
  const outPath = resolve(io.cwd, requireString('run', p, 'out'));
  const concurrency = positiveInt(p, 'concurrency', 32);
  const maxInFlight = positiveInt(p, 'max-in-flight', concurrency);
  const maxNewTokens = positiveInt(p, 'max-new-tokens', GENERATION_DEFAULTS.maxNewTokens);
  const maxPixels = positiveInt(p, 'max-pixels', GENERATION_DEFAULTS.maxPixels);
  const timeoutMs = positiveInt(p, 'timeout', 600) * 1000;
  const retries = positiveInt(p, 'retries', 6);
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
  });

  const source = resolveDataSource(data, io.cwd);
  const loaded = await loadData(source, def, optionalString(p, 'variant'));
  out.stderr(formatLoadReport(loaded.report));
  const items = limit === undefined ? loaded.items : loaded.items.slice(0, limit);
  if (items.length === 0)
    throw new EvalError(
      'dataset/no-items',
      `No ${def.id} items were loaded from ${source.root}: check --data and --variant.`,
    );

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

  const manifest = await buildRunManifest({
    source,
    loaded,
    model: modelId,
    backend: BACKEND,
    backendModel: served,
    endpoints: backend.endpoints,
    generation: { maxNewTokens, temperature: GENERATION_DEFAULTS.temperature, maxPixels },
    itemIds: items.map((i) => i.id),
  });
  const store = createFsStore(outPath, { onWarning: (w) => out.stderr(`note: ${w}\n`) });
  const control = createRunControl();
  const progress = createProgressRenderer(out);
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    out.stderr(
      '\ncancelling: aborting requests in flight (Ctrl-C again to quit at once); rerun the same command to resume.\n',
    );
    control.cancel();
  };
  process.on('SIGINT', onSigint);
  let outcome: RunOutcome;
  let stored: ItemResult[];
  try {
    outcome = await runEvaluation(
      { backend, runs: [{ manifest, items, store, source }] },
      { concurrency, mode, control, onProgress: (pr) => progress.update(pr) },
    );
    progress.finish(outcome.progress);
    stored = await store.results();
  } catch (e) {
    progress.finish(null);
    // the wrong --out (another run's file, one in use, not a results file) is an argument error: exit 2
    if (isEvalError(e) && WRONG_OUT_FILE.has(e.code)) throw usageError(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    await store.close();
    await backend.dispose();
  }
  const ids = new Set(items.map((i) => i.id));
  const results = stored.filter((r) => ids.has(r.id));
  out.stdout(
    formatRunReport({
      title: `${def.id} (${loaded.report.variant}) ${modelId} — '${served}' at ${backend.endpoints.join(', ')} [${mode} mode]`,
      summary: summarize(results),
      outcome,
      outPath,
    }),
  );
  if (outcome.status === 'cancelled') return 130;
  return outcome.failures.length > 0 ? 1 : 0;
}
