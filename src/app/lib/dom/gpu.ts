// Whether this browser's WebGPU adapter offers shader-f16 (web-llm's q4f16 builds need it). Never throws.
interface GpuLike {
  requestAdapter(): Promise<{ features: { has(name: string): boolean } } | null>;
}

export async function hasShaderF16(): Promise<boolean> {
  try {
    const gpu = (navigator as { gpu?: GpuLike }).gpu;
    const adapter = await gpu?.requestAdapter();
    return adapter?.features.has('shader-f16') === true;
  } catch {
    return false;
  }
}
