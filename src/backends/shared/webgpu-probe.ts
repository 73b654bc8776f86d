// What WebGPU the browser offers, asked once on the page before a model worker starts: transformers.js picks its
// device and weights from it, web-llm refuses up front a build the adapter cannot run.

/** What a WebGPU probe found: no navigator.gpu, no adapter, or an adapter with its features. */
export interface GpuProbe {
  webgpu: boolean;
  adapter: boolean;
  features: string[];
  /** Software adapter (SwiftShader): works, but slowly. */
  fallbackAdapter: boolean;
  /** Why there is no adapter, when there is none. */
  error?: string;
}

interface GpuLike {
  requestAdapter(): Promise<{
    features: { has(name: string): boolean; forEach?(cb: (f: string) => void): void };
    info?: { isFallbackAdapter?: boolean };
  } | null>;
}

/** Asks the browser for a WebGPU adapter and lists its features; never throws. */
export async function probeWebGpu(
  gpu: GpuLike | undefined = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu,
): Promise<GpuProbe> {
  if (!gpu)
    return {
      webgpu: false,
      adapter: false,
      features: [],
      fallbackAdapter: false,
      error: 'navigator.gpu is missing (browser without WebGPU)',
    };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter)
      return {
        webgpu: true,
        adapter: false,
        features: [],
        fallbackAdapter: false,
        error: 'requestAdapter() returned no adapter',
      };
    const features: string[] = [];
    adapter.features.forEach?.((f) => features.push(f));
    if (features.length === 0 && adapter.features.has('shader-f16')) features.push('shader-f16');
    return { webgpu: true, adapter: true, features, fallbackAdapter: adapter.info?.isFallbackAdapter === true };
  } catch (e) {
    return {
      webgpu: true,
      adapter: false,
      features: [],
      fallbackAdapter: false,
      error: `requestAdapter() failed: ${String(e)}`,
    };
  }
}
