// Page side of the web-llm worker: given a started workers/webllm.worker.ts, returns a ModelBackend whose engine
// is web-llm's WebWorkerMLCEngine. @mlc-ai/web-llm (≈6 MB) is imported only when a model is loaded.
import type { WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import { probeWebGpu, type GpuProbe } from '../shared/webgpu-probe';
import { buildAppConfig, modelFileUrls } from './app-config';
import { createWebLlmEngineBackend, type WebLlmBackend } from './backend';
import type { WebLlmAppConfig, WebLlmEngine, WebLlmModelRecord } from './engine';
import { isFileFailure, mapWebLlmError } from './errors';
import { findUnreachableFile, webGpuProblem, type FetchLike } from './preflight';

export interface WebLlmWorkerOptions {
  /** A model_id of the appConfig, e.g. 'Phi-3.5-vision-instruct-q4f32_1-MLC'. */
  modelId: string;
  /** The user's own MLC builds, added to the appConfig. */
  userRecords?: readonly WebLlmModelRecord[];
  /** Used to find which model file is unreachable after a failed load (default: fetch). */
  fetch?: FetchLike;
  toDataUri?: (bytes: Uint8Array) => Promise<string>;
}

/** What the browser tests inject (the third argument); the app never passes it. */
export interface WebLlmTestHooks {
  /** A probe result to use instead of asking navigator.gpu; null skips the page-side check (web-llm still checks). */
  probe?: GpuProbe | null;
}

/** Only the methods this app calls, so the backend never depends on web-llm's full types. */
function adaptEngine(engine: WebWorkerMLCEngine): WebLlmEngine {
  return {
    chat: { completions: { create: (request) => engine.chat.completions.create(request) } },
    interruptGenerate: () => engine.interruptGenerate(),
    unload: () => engine.unload(),
    runtimeStatsText: () => engine.runtimeStatsText(),
    reload: (modelId) => engine.reload(modelId),
  };
}

export function createWebLlmWorkerBackend(
  worker: Worker,
  options: WebLlmWorkerOptions,
  hooks: WebLlmTestHooks = {},
): WebLlmBackend {
  const { modelId } = options;
  let prepared: Promise<{
    lib: typeof import('@mlc-ai/web-llm');
    appConfig: WebLlmAppConfig;
    record: WebLlmModelRecord;
  }> | null = null;
  const prepare = (): NonNullable<typeof prepared> =>
    (prepared ??= (async () => {
      const lib = await import('@mlc-ai/web-llm');
      const appConfig = buildAppConfig(lib.prebuiltAppConfig as WebLlmAppConfig, options.userRecords ?? []);
      const record = appConfig.model_list.find((r) => r.model_id === modelId);
      if (record === undefined)
        throw mapWebLlmError(
          { name: 'ModelNotFoundError', message: `Cannot find model record in appConfig for ${modelId}` },
          { modelId, knownIds: appConfig.model_list.map((r) => r.model_id) },
        );
      return { lib, appConfig, record };
    })().catch((e: unknown) => {
      prepared = null; // a failed import (e.g. offline) may succeed on the next load()
      throw e;
    }));

  return createWebLlmEngineBackend({
    modelId,
    ...(options.toDataUri !== undefined ? { toDataUri: options.toDataUri } : {}),
    async preflight() {
      const { record } = await prepare();
      if (hooks.probe === null) return;
      const problem = webGpuProblem(hooks.probe ?? (await probeWebGpu()), record);
      if (problem !== null) throw problem;
    },
    async createEngine(onInitProgress) {
      const { lib, appConfig } = await prepare();
      // web-llm's AppConfig types model_type as its enum; the records come from its own list or are validated
      const engine = await lib.CreateWebWorkerMLCEngine(worker, modelId, {
        appConfig: appConfig as import('@mlc-ai/web-llm').AppConfig,
        initProgressCallback: onInitProgress,
      });
      return adaptEngine(engine);
    },
    async explainLoadFailure(e) {
      const ready = await prepare().catch(() => null);
      const record = ready?.record;
      const knownIds = ready?.appConfig.model_list.map((r) => r.model_id) ?? [];
      if (record === undefined || !isFileFailure(e)) return mapWebLlmError(e, { modelId, knownIds });
      const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
      const failedFile = await findUnreachableFile(modelFileUrls(record, globalThis.location?.href), fetchFn);
      return mapWebLlmError(e, { modelId, knownIds, failedFile, modelUrl: record.model });
    },
    onDispose: () => worker.terminate(),
  });
}
