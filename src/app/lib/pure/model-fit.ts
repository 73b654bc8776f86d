// Which registry models this machine can run in the browser, and why not the others: from the WebGPU adapter
// (present? shader-f16? largest buffer) and the device memory the browser reports. An estimate to choose by, not a
// promise: the weights' size is parameters × bits per weight, and browsers cap navigator.deviceMemory at 8 GB.
import type { ModelEntry } from '../../../core/models/entry';

export interface MachineInfo {
  /** A WebGPU adapter was granted. */
  webgpu: boolean;
  shaderF16: boolean;
  /** The adapter's limits.maxBufferSize in bytes (null: no adapter). */
  maxBufferSize: number | null;
  /** navigator.deviceMemory in GB (null: not reported). */
  deviceMemoryGB: number | null;
}

export type FitVerdict = 'fits' | 'maybe' | 'no';

export interface ModelFit {
  model: string;
  label: string;
  verdict: FitVerdict;
  /** The weights it would load (e.g. "q4f16"), when it runs at all. */
  dtype: string | null;
  /** Weights in GB for that dtype (estimate). */
  weightsGB: number | null;
  reason: string;
}

/** Bits per weight of a dtype name as the exports spell them (q4f16_1, q4, q8, fp16, fp32). */
export function bitsOf(dtype: string): number {
  if (dtype.startsWith('q4')) return 4.5; // 4-bit weights plus scales
  if (dtype.startsWith('q8') || dtype === 'int8' || dtype === 'uint8') return 8;
  if (dtype.includes('16')) return 16;
  return 32;
}

const gb = (v: number): string => `${v.toFixed(v < 10 ? 1 : 0)} GB`;

export function modelFit(m: ModelEntry, machine: MachineInfo): ModelFit {
  const base = { model: m.id, label: m.label };
  if (m.runtime === 'remote')
    return {
      ...base,
      verdict: 'no',
      dtype: null,
      weightsGB: null,
      reason: `${m.paramsB}B parameters: too large for a browser — run it on a server (Run page, OpenAI-compatible endpoint)`,
    };
  const web = m.web;
  if (web === undefined)
    return { ...base, verdict: 'no', dtype: null, weightsGB: null, reason: 'no web export is known (docs/models.md)' };
  if (web.engine === 'webllm' && !machine.webgpu)
    return {
      ...base,
      verdict: 'no',
      dtype: null,
      weightsGB: null,
      reason: 'web-llm needs WebGPU, and none is offered',
    };
  const f16 = machine.webgpu && machine.shaderF16;
  const dtype = web.dtypes.find((d) => f16 || !d.includes('f16'));
  if (dtype === undefined)
    return {
      ...base,
      verdict: 'no',
      dtype: null,
      weightsGB: null,
      reason: `the export ships only ${web.dtypes.join('/')} weights, which need WebGPU with shader-f16`,
    };
  const weightsGB = (m.paramsB * bitsOf(dtype)) / 8;
  const notes: string[] = [];
  let verdict: FitVerdict = 'fits';
  if (!machine.webgpu) {
    verdict = 'maybe';
    notes.push('no WebGPU: runs on wasm (CPU), slowly');
  }
  // Browsers report at most 8 GB, so only a smaller figure is a real warning.
  if (machine.deviceMemoryGB !== null && machine.deviceMemoryGB < 8 && weightsGB > 0.6 * machine.deviceMemoryGB) {
    verdict = 'maybe';
    notes.push(`≈${gb(weightsGB)} of weights on a device reporting ${machine.deviceMemoryGB} GB of memory`);
  }
  if (machine.webgpu && machine.maxBufferSize !== null && machine.maxBufferSize < 1e9 && m.paramsB >= 3) {
    verdict = 'maybe';
    notes.push(
      `the adapter's largest buffer is ${gb(machine.maxBufferSize / 1e9)}; large embedding tables may not fit`,
    );
  }
  const where = machine.webgpu ? 'WebGPU' : 'wasm';
  const reason =
    notes.length === 0
      ? `${dtype} weights (≈${gb(weightsGB)}) on ${where}`
      : `${dtype} weights (≈${gb(weightsGB)}): ${notes.join('; ')}`;
  return { ...base, verdict, dtype, weightsGB, reason };
}
