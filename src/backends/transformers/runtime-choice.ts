// Picks device and weight dtype from what the machine offers, and says why in words for the user.
// Pure (no transformers.js import) so the page can decide before it starts a worker.
import type { GpuProbe } from '../shared/webgpu-probe';

export type TransformersDevice = 'webgpu' | 'wasm' | 'cpu';

export interface RuntimeChoice {
  device: TransformersDevice;
  dtype: string;
  /** One sentence for the user: which device and weights, and why. */
  reason: string;
}

const first = (wanted: readonly string[], available: readonly string[]): string | undefined =>
  wanted.find((d) => available.includes(d));

/**
 * WebGPU with q4f16 when the adapter has shader-f16; WebGPU with q4 / fp32 without it; wasm otherwise.
 * `dtypes` are the weight files the export ships. `probe` null means Node (onnxruntime-node on the CPU).
 */
export function chooseRuntime(
  probe: GpuProbe | null,
  dtypes: readonly string[],
  force?: { device?: TransformersDevice },
): RuntimeChoice {
  const list = dtypes.length > 0 ? dtypes : ['fp32'];
  const fallbackDtype = list[0] ?? 'fp32';
  if (probe === null || force?.device === 'cpu') {
    const dtype = first(['fp32', 'q8', 'q4', 'fp16'], list) ?? fallbackDtype;
    return { device: 'cpu', dtype, reason: `Node: onnxruntime on the CPU with ${dtype} weights.` };
  }
  const wasm = (why: string): RuntimeChoice => {
    const dtype = first(['q8', 'q4', 'fp32'], list) ?? fallbackDtype;
    return {
      device: 'wasm',
      dtype,
      reason: `${why}: running on wasm (CPU) with ${dtype} weights.${f16Warning(dtype)}`,
    };
  };
  if (force?.device === 'wasm') return wasm('wasm was requested');
  if (!probe.adapter) return wasm(`No WebGPU (${probe.error ?? 'no adapter'})`);
  const slow = probe.fallbackAdapter ? ' (software adapter: expect it to be slow)' : '';
  if (probe.features.includes('shader-f16')) {
    const dtype = first(['q4f16', 'fp16', 'q4', 'fp32'], list) ?? fallbackDtype;
    return { device: 'webgpu', dtype, reason: `WebGPU adapter with shader-f16${slow}: ${dtype} weights.` };
  }
  const dtype = first(['q4', 'fp32', 'q8'], list);
  if (dtype === undefined)
    return wasm(`WebGPU adapter lacks shader-f16 and the export has only ${list.join('/')} weights`);
  return {
    device: 'webgpu',
    dtype,
    reason: `WebGPU adapter without shader-f16${slow}: ${dtype} weights (f16 ones need shader-f16).`,
  };
}

/** The wasm choice after a WebGPU failure, with the failure in the reason. */
export function wasmFallback(dtypes: readonly string[], failure: string): RuntimeChoice {
  const list = dtypes.length > 0 ? dtypes : ['fp32'];
  const dtype = first(['q8', 'q4', 'fp32'], list) ?? list[0] ?? 'fp32';
  return {
    device: 'wasm',
    dtype,
    reason: `WebGPU failed to start (${failure}): fell back to wasm (CPU) in a fresh worker with ${dtype} weights.${f16Warning(dtype)}`,
  };
}

/** The export ships only half-precision weights: onnxruntime-web's wasm backend lacks most fp16 kernels. */
function f16Warning(dtype: string): string {
  return dtype.includes('f16')
    ? ` Warning: this export ships only ${dtype} weights, which need WebGPU with shader-f16; on wasm loading will most likely fail — use a GPU browser with shader-f16, or an export with q4, q8 or fp32 weights (docs/models.md).`
    : '';
}
