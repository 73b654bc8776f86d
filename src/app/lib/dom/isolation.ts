// Makes the page cross-origin isolated where the host sends no COOP/COEP headers: registers
// public/coi-serviceworker.js and reloads once when it takes control. Without a service worker (an insecure origin,
// a private window that forbids them) the app runs as it is, with single-threaded wasm.
const RELOADED = 'medvlm-bench:coi-reloaded';

export function ensureIsolation(): void {
  if (globalThis.crossOriginIsolated === true || !window.isSecureContext || !('serviceWorker' in navigator)) return;
  // A reload that did not bring isolation (the worker failed, or the browser refuses it) is not repeated.
  if (sessionStorage.getItem(RELOADED) !== null) return;
  navigator.serviceWorker
    .register(new URL('./coi-serviceworker.js', document.baseURI))
    .then((reg) => {
      const reload = (): void => {
        sessionStorage.setItem(RELOADED, '1');
        window.location.reload();
      };
      if (navigator.serviceWorker.controller !== null) reload();
      else navigator.serviceWorker.addEventListener('controllerchange', reload, { once: true });
      return reg;
    })
    .catch(() => {
      // No isolation: onnxruntime-web falls back to one thread by itself.
    });
}
