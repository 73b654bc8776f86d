// Starts every Worker of the app from a small blob: module that imports the real (bundled) worker script. A worker
// started from the app's own URL takes its Content-Security-Policy from that file's response headers, so the
// page's meta policy (lib/dom/connect-policy.ts) would not reach it; a worker started from a blob: URL inherits the
// policy of the page that made it, so the data and model workers can connect only where the page can.
//
// The blob's own URL is the worker's base URL, which no relative URL can be resolved against. So the bootstrap
// shows the worker code the real script's URL as `location` (libraries resolve against location.href:
// transformers.js decides from it whether a model file can be cached), makes the URL-taking APIs the worker code
// uses (fetch, Request, Cache Storage) resolve relative and scheme-relative URLs against it (transformers.js's local
// model paths are either), and holds the messages that arrive while the script loads (comlink's first call is sent
// at once), then hands them on. A script that fails to load ends the worker with an uncaught error, as a direct
// start would.

function bootstrap(script: string): string {
  return `const base = ${JSON.stringify(script)};
Object.defineProperty(self, 'location', { value: Object.freeze(new URL(base)), configurable: true, enumerable: true });
const abs = (input) => (typeof input === 'string' || input instanceof URL ? new URL(input, base).href : input);
const fetchDirect = self.fetch.bind(self);
self.fetch = (input, init) => fetchDirect(abs(input), init);
const RequestDirect = self.Request;
self.Request = class Request extends RequestDirect {
  constructor(input, init) { super(abs(input), init); }
};
for (const [proto, names] of [
  [Cache.prototype, ['match', 'matchAll', 'add', 'put', 'delete', 'keys']],
  [CacheStorage.prototype, ['match']],
]) {
  for (const name of names) {
    const direct = proto[name];
    proto[name] = function (request, ...rest) { return direct.call(this, request === undefined ? request : abs(request), ...rest); };
  }
}
const addAllDirect = Cache.prototype.addAll;
Cache.prototype.addAll = function (requests) { return addAllDirect.call(this, [...requests].map(abs)); };
const held = [];
const hold = (e) => { held.push(e); e.stopImmediatePropagation(); };
self.addEventListener('message', hold);
try {
  await import(base);
} catch (e) {
  setTimeout(() => { throw e; });
}
self.removeEventListener('message', hold);
for (const e of held) self.dispatchEvent(new MessageEvent('message', { data: e.data, ports: [...e.ports] }));
`;
}

/** A module worker running the script at `url` (relative to the page), under the page's own policy. */
export function startWorker(url: string, options: { name?: string } = {}): Worker {
  const script = new URL(url, document.baseURI).href;
  const blobUrl = URL.createObjectURL(new Blob([bootstrap(script)], { type: 'text/javascript' }));
  try {
    return new Worker(blobUrl, { type: 'module', ...options });
  } finally {
    // Revoked once the worker surely has its bootstrap (a few hundred bytes each, so a late revoke costs nothing).
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  }
}
