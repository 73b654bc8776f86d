// The kinds of model backend as data: what each is and can do, read by the app's run plan and model picker and by
// the CLI. Factories are platform code (a worker facade in the page, a fetch client in Node), so each platform maps
// the kinds it supports to one through a Record over BackendKindsOn<platform>: a kind added here is a compile error
// wherever it is not wired yet. The keys are stored in every run manifest (`backend`): never rename one.

export type BackendPlatform = 'browser' | 'node';

export interface BackendKindInfo {
  /** How the model picker names it. */
  label: string;
  /** Where the model runs: a dedicated worker in the page, a server, or the caller's own thread. */
  runsIn: 'worker' | 'remote' | 'in-process';
  /**
   * Generations in flight at once: a worker runs one session (more would only queue inside it); a server takes
   * what the run plan sets.
   */
  concurrency: number | 'plan';
  /** Streams pieces of the output as they are generated. */
  streaming: boolean;
  /** Devices it can run on ('remote' for a server). */
  devices: readonly ('webgpu' | 'wasm' | 'cpu' | 'remote')[];
  /** Platforms with a factory for it (none: a test double, created directly). */
  platforms: readonly BackendPlatform[];
}

export const BACKEND_KINDS = Object.freeze({
  openai: {
    label: 'OpenAI-compatible server',
    runsIn: 'remote',
    concurrency: 'plan',
    streaming: true,
    devices: ['remote'],
    platforms: ['browser', 'node'],
  },
  transformers: {
    label: 'transformers.js',
    runsIn: 'worker',
    concurrency: 1,
    streaming: true,
    devices: ['webgpu', 'wasm'],
    platforms: ['browser'],
  },
  webllm: {
    label: 'web-llm',
    runsIn: 'worker',
    concurrency: 1,
    streaming: true,
    devices: ['webgpu'],
    platforms: ['browser'],
  },
  scripted: {
    label: 'scripted (tests)',
    runsIn: 'in-process',
    concurrency: 'plan',
    streaming: true,
    devices: ['cpu'],
    platforms: [],
  },
} as const satisfies Record<string, BackendKindInfo>);

export type BackendKind = keyof typeof BACKEND_KINDS;

/** The kinds a platform has a factory for. */
export type BackendKindsOn<P extends BackendPlatform> = {
  [K in BackendKind]: P extends (typeof BACKEND_KINDS)[K]['platforms'][number] ? K : never;
}[BackendKind];

/** The kinds whose model runs in a page-side worker: the engines a web export is made for. */
export type WorkerBackendKind = {
  [K in BackendKind]: (typeof BACKEND_KINDS)[K]['runsIn'] extends 'worker' ? K : never;
}[BackendKind];

export function isBackendKind(s: string): s is BackendKind {
  return Object.hasOwn(BACKEND_KINDS, s);
}

/** Generations a backend of this kind runs at once, given what the plan asks for. */
export function concurrencyOf(kind: BackendKind, planned: number): number {
  const fixed: number | 'plan' = BACKEND_KINDS[kind].concurrency;
  return fixed === 'plan' ? planned : fixed;
}
