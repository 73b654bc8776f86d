// The test side of the model workers' debug channel (workers/debug.ts): hooks for createInferenceWorker /
// createEmbedWorker that open the channel on every worker the facade starts, and calls that go to the latest one
// (after a WebGPU fallback, the wasm worker that replaced the first).
import { wrap, type Remote } from 'comlink';
import type { WorkerTestHooks } from '../../src/app/workers';
import type { WarmUpReport } from '../../src/core/run';
import { WORKER_DEBUG_MESSAGE, type WorkerDebugApi, type WorkerDebugRequest } from '../../workers/debug';

export interface WorkerDebug {
  hooks: WorkerTestHooks;
  /** URLs the current worker fetched (Resource Timing), to prove nothing left the machine. */
  fetchedUrls(): Promise<string[]>;
  /** The current worker's last warm-up, or null when it had none. */
  warmUpReport(): Promise<WarmUpReport | null>;
}

/** `simulateWebGpuFailure`: a worker started for WebGPU fails its session init as a broken driver would. */
export function workerDebug(options: { simulateWebGpuFailure?: boolean } = {}): WorkerDebug {
  let current: Remote<WorkerDebugApi> | null = null;
  const latest = (): Remote<WorkerDebugApi> => {
    if (current === null) throw new Error('no worker was started with these hooks');
    return current;
  };
  return {
    hooks: {
      onWorkerStarted(worker, device) {
        const { port1, port2 } = new MessageChannel();
        const request: WorkerDebugRequest = {
          type: WORKER_DEBUG_MESSAGE,
          port: port2,
          simulateWebGpuFailure: options.simulateWebGpuFailure === true && device === 'webgpu',
        };
        worker.postMessage(request, [port2]);
        current = wrap<WorkerDebugApi>(port1);
      },
    },
    fetchedUrls: () => latest().fetchedUrls(),
    warmUpReport: () => latest().warmUpReport(),
  };
}
