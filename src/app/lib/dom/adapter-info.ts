// What this browser's WebGPU adapter is (vendor, architecture, features, buffer limits), what memory it reports,
// and the origin's storage: the Setup page's facts. Never throws: an absent API is reported as absent.
export interface AdapterReport {
  /** Why there is no adapter, when there is none. */
  error: string | null;
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  fallback: boolean;
  features: string[];
  limits: { maxBufferSize: number; maxStorageBufferBindingSize: number; maxComputeWorkgroupStorageSize: number } | null;
}

interface AdapterLike {
  features: Iterable<string>;
  limits: Record<string, number>;
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
}

export async function readAdapter(): Promise<AdapterReport> {
  const none = (error: string): AdapterReport => ({
    error,
    vendor: '',
    architecture: '',
    device: '',
    description: '',
    fallback: false,
    features: [],
    limits: null,
  });
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<AdapterLike | null> } }).gpu;
  if (gpu === undefined)
    return none('this browser has no WebGPU (navigator.gpu is missing): in-browser models run on wasm');
  try {
    const adapter = await gpu.requestAdapter();
    if (adapter === null) return none('WebGPU is present but gave no adapter (blocklisted GPU, or disabled)');
    const info = adapter.info ?? {};
    return {
      error: null,
      vendor: info.vendor ?? '',
      architecture: info.architecture ?? '',
      device: info.device ?? '',
      description: info.description ?? '',
      fallback: info.isFallbackAdapter === true,
      features: [...adapter.features].sort(),
      limits: {
        maxBufferSize: adapter.limits['maxBufferSize'] ?? 0,
        maxStorageBufferBindingSize: adapter.limits['maxStorageBufferBindingSize'] ?? 0,
        maxComputeWorkgroupStorageSize: adapter.limits['maxComputeWorkgroupStorageSize'] ?? 0,
      },
    };
  } catch (e) {
    return none(`requestAdapter() failed: ${String(e)}`);
  }
}

/** navigator.deviceMemory in GB (Chromium; capped at 8), or null. */
export function deviceMemoryGB(): number | null {
  const m = (navigator as { deviceMemory?: number }).deviceMemory;
  return typeof m === 'number' ? m : null;
}

export async function isPersisted(): Promise<boolean | null> {
  try {
    return (await navigator.storage?.persisted?.()) ?? null;
  } catch {
    return null;
  }
}

/** Asks the browser to keep this origin's storage under pressure; the answer is the browser's (it may say no). */
export async function requestPersist(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

export function isCrossOriginIsolated(): boolean {
  return globalThis.crossOriginIsolated === true;
}
