// Device choice for the worker facade (page side): re-exported so src/app/workers.ts needs no backend import.

export { chooseRuntime, wasmFallback, type RuntimeChoice } from '../src/backends/transformers/runtime-choice';
export { probeWebGpu, type GpuProbe } from '../src/backends/shared/webgpu-probe';
