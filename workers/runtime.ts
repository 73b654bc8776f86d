// Device choice for the worker facade (page side): re-exported so src/app/workers.ts needs no backend import.

export {
  chooseRuntime,
  probeWebGpu,
  wasmFallback,
  type GpuProbe,
  type RuntimeChoice,
} from '../src/backends/transformers/runtime-choice';
