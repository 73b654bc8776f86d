// Checks made on the page before and after web-llm loads: WebGPU and shader-f16 up front (web-llm only finds out
// after downloading the model library), and, when a load fails on a fetch, which model file is unreachable.
import type { EvalError } from '../../core/errors';
import { messageOf } from '../shared/errors';
import type { GpuProbe } from '../shared/webgpu-probe';
import { needsShaderF16 } from './app-config';
import type { WebLlmModelRecord } from './engine';
import { mapWebLlmError, type FailedFile } from './errors';

/** The EvalError web-llm would end with on this GPU, or null when the build can run here. */
export function webGpuProblem(probe: GpuProbe, record: WebLlmModelRecord): EvalError | null {
  const ctx = { modelId: record.model_id };
  if (!probe.webgpu)
    return mapWebLlmError(
      {
        name: 'WebGPUNotAvailableError',
        message: `WebGPU is not supported here: ${probe.error ?? 'navigator.gpu is missing'}`,
      },
      ctx,
    );
  if (!probe.adapter)
    return mapWebLlmError(
      { name: 'WebGPUNotFoundError', message: `Cannot find WebGPU in the environment: ${probe.error ?? 'no adapter'}` },
      ctx,
    );
  if (needsShaderF16(record) && !probe.features.includes('shader-f16')) {
    return mapWebLlmError(
      {
        name: 'ShaderF16SupportError',
        message: 'This model requires WebGPU extension shader-f16, which this adapter does not offer.',
      },
      ctx,
    );
  }
  return null;
}

export type FetchLike = (
  url: string,
  init: { method: string; cache: 'no-store' },
) => Promise<{ ok: boolean; status: number }>;

/** The first of the URLs that does not answer 2xx (HEAD), or null when all do. Never throws. */
export async function findUnreachableFile(urls: readonly string[], fetchFn: FetchLike): Promise<FailedFile | null> {
  for (const url of urls) {
    try {
      const res = await fetchFn(url, { method: 'HEAD', cache: 'no-store' });
      if (!res.ok) return { url, status: res.status };
    } catch (e) {
      return {
        url,
        status: null,
        reason: `no response: ${messageOf(e)} (offline, wrong host, or no CORS headers)`,
      };
    }
  }
  return null;
}
