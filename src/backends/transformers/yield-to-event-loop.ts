// Lets queued messages (an interrupt from the page, a comlink call) run between decoding steps:
// onnxruntime-web's wasm runs resolve through microtasks only, so without this a worker never sees them.

// Not scheduler.yield(): its continuation runs ahead of queued messages, which is exactly what must not happen.
export function yieldToEventLoop(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (cb: () => void) => unknown }).setImmediate;
  if (immediate) return new Promise((resolve) => void immediate(resolve));
  // MessageChannel is a macrotask without setTimeout's 4 ms clamp.
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
