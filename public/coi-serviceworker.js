// Cross-origin isolation for static hosts that cannot send headers (GitHub Pages, a USB stick's file server…):
// this service worker adds COOP/COEP to the app's own responses, so the page becomes crossOriginIsolated and
// onnxruntime-web can use wasm threads (SharedArrayBuffer). Registered by src/app/lib/dom/isolation.ts only when
// the page is not isolated already; a host that sends the headers itself never installs it. The same approach as
// gzuidhof/coi-serviceworker, kept to what this app needs: same-origin responses only (cross-origin model and
// dataset hosts answer CORS requests, which COEP require-corp accepts as they are).
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (new URL(request.url).origin !== self.location.origin) return;
  // A cache-only request from another mode would throw in fetch(): let the browser handle it.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  event.respondWith(
    fetch(request).then((response) => {
      if (response.status === 0) return response;
      const headers = new Headers(response.headers);
      headers.set('Cross-Origin-Opener-Policy', 'same-origin');
      headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
      headers.set('Cross-Origin-Resource-Policy', 'same-origin');
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }),
  );
});
