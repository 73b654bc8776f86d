// A test-only channel into a model worker, kept out of its API (api.ts): the browser tests ask which URLs the
// worker fetched (to prove nothing left the machine), read the last warm-up report, and make WebGPU fail as a
// broken driver does. A test opens it with one message posted before init() (tests/browser/worker-debug.ts, via
// the onWorkerStarted hook of src/app/workers.ts). The worker entries listen only in dev builds (the Vite dev
// server, vitest): the shipped build carries none of this.

import { expose } from 'comlink';
import type { WarmUpReport } from '../src/core/run';

export const WORKER_DEBUG_MESSAGE = 'medvlm-bench/worker-debug';

export interface WorkerDebugRequest {
  type: typeof WORKER_DEBUG_MESSAGE;
  /** The debug API is served on this port (comlink). */
  port: MessagePort;
  /** WebGPU is made unavailable in the worker, so session init fails as on a broken driver. */
  simulateWebGpuFailure: boolean;
}

export interface WorkerDebugApi {
  /** URLs this worker fetched (Resource Timing). */
  fetchedUrls(): Promise<string[]>;
  /** The last load's warm-up, or null when it had none. */
  warmUpReport(): Promise<WarmUpReport | null>;
}

/** Serves the debug API to whoever posts a WorkerDebugRequest; comlink's own listener ignores that message. */
export function listenForDebug(worker: { warmUpReport(): WarmUpReport | null }): void {
  self.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<WorkerDebugRequest> | null;
    if (data?.type !== WORKER_DEBUG_MESSAGE || data.port === undefined) return;
    if (data.simulateWebGpuFailure === true) breakWebGpu();
    const api: WorkerDebugApi = {
      fetchedUrls: async () => performance.getEntriesByType('resource').map((e) => e.name),
      warmUpReport: async () => worker.warmUpReport(),
    };
    expose(api, data.port);
  });
}

/** Makes requestAdapter() find nothing, which onnxruntime-web reports as a failed WebGPU init. */
function breakWebGpu(): void {
  const gpu = (self.navigator as { gpu?: object }).gpu;
  if (gpu) Object.defineProperty(gpu, 'requestAdapter', { value: async () => null, configurable: true });
}
