// The page's Content-Security-Policy connect-src, narrowed to what this user configured (issue 13): the app's own
// origin, the model hub, and the origin of every http(s) URL found in the app's saved settings (remote endpoints,
// user models, remembered dataset URLs, the classifier's endpoint…) or in the link that opened the page
// (`#/benchmarks?data=<url>`). A policy cannot be widened after the page has loaded, so an origin configured later is
// allowed from the next load on: allowsUrl() tells the page whether a URL is reachable now, and the page asks for a
// reload where it is not. Pure: the DOM side is lib/dom/connect-policy.ts.

/**
 * The model hub and web-llm's prebuilt libraries: Hugging Face serves files from huggingface.co and redirects
 * downloads to its CDNs (cdn-lfs*.huggingface.co, *.hf.co including cas-bridge.xethub.hf.co); web-llm's prebuilt
 * model libraries (.wasm) come from raw.githubusercontent.com.
 */
export const HUB_SOURCES: readonly string[] = [
  'https://huggingface.co',
  'https://*.huggingface.co',
  'https://*.hf.co',
  'https://raw.githubusercontent.com',
];

/** Only values shorter than this are scanned for URLs (a saved setting, not a stored results file). */
export const MAX_SCANNED_CHARS = 1_000_000;

/** Origins the user allowed that no other setting names (a server tried after the page loaded). */
export const ALLOWED_KEY = 'medvlm-bench:connect-origins:v1';

/**
 * The settings that hold servers the user configured (localStorage keys, read as JSON): the remote endpoints
 * (state/remote-config), the user's models (state/user-models), the remembered dataset URLs (state/dataset-loads),
 * the classifier's embedding source (state/classifier-session), and ALLOWED_KEY. Other saved state (imports, runs)
 * can carry URLs that came with someone else's file, so it is not read.
 */
export const CONFIG_KEYS: readonly string[] = [
  'medvlm-bench:remote:v1',
  'medvlm-bench:user-models:v1',
  'medvlm.datasets.urls',
  'medvlm-bench:classifier:source:v1',
  ALLOWED_KEY,
];

const URL_IN_TEXT = /https?:\/\/[^\s"'<>`]+/gi;
// A CSP host-source: scheme, a host of letters/digits/dots/hyphens (no IPv6 literal: the CSP grammar has none),
// an optional port. Origins outside it cannot be named in a policy and are left out.
const EXPRESSIBLE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/;

/** The origin of an http(s) URL that a policy can name ("http://127.0.0.1:8000"), or null. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return EXPRESSIBLE.test(parsed.origin) ? parsed.origin : null;
}

/** Every http(s) URL in a saved value: strings (also free text such as one URL per line), arrays and objects. */
export function urlsIn(value: unknown, depth = 0): string[] {
  if (typeof value === 'string') return value.length > MAX_SCANNED_CHARS ? [] : (value.match(URL_IN_TEXT) ?? []);
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value as Record<string, unknown>);
  return children.flatMap((v) => urlsIn(v, depth + 1));
}

/** Every URL in the settings CONFIG_KEYS name, read through `read` (undefined for a missing key). */
export const savedUrls = (read: (key: string) => unknown): string[] => CONFIG_KEYS.flatMap((key) => urlsIn(read(key)));

/** The http(s) URLs a hash link names in its parameters (`#/run?data=<url>&…`). */
export function urlsInHash(hash: string): string[] {
  const q = hash.indexOf('?');
  if (q < 0) return [];
  return [...new URLSearchParams(hash.slice(q + 1)).values()].filter((v) => /^https?:\/\//i.test(v));
}

function hubCovers(origin: string): boolean {
  let host: string;
  try {
    const u = new URL(origin);
    if (u.protocol !== 'https:' || u.port !== '') return false;
    host = u.hostname;
  } catch {
    return false;
  }
  return HUB_SOURCES.some((source) => {
    const h = source.slice('https://'.length);
    return h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h;
  });
}

/** The origins to allow beside 'self' and the hub: sorted, each once, none the page's own or the hub's. */
export function configuredOrigins(urls: readonly string[], pageOrigin: string): string[] {
  const set = new Set<string>();
  for (const url of urls) {
    const o = originOf(url);
    if (o !== null && o !== pageOrigin && !hubCovers(o)) set.add(o);
  }
  return [...set].sort();
}

/** The connect-src directive for those origins. */
export function connectSrc(origins: readonly string[]): string {
  return ["connect-src 'self' blob: data:", ...HUB_SOURCES, ...origins].join(' ');
}

/** Whether a page under this policy may fetch the URL (relative URLs resolve against the page). */
export function allowsUrl(origins: readonly string[], pageOrigin: string, url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url, pageOrigin);
  } catch {
    return true; // not a URL the browser could fetch either: the caller's own error says why
  }
  if (parsed.protocol === 'blob:' || parsed.protocol === 'data:') return true;
  if (parsed.origin === pageOrigin) return true;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  return hubCovers(parsed.origin) || origins.includes(parsed.origin);
}

/** What the page says when a URL is outside the policy it loaded with. */
export function reloadMessage(url: string): string {
  const origin = originOf(url) ?? url;
  return (
    `This page connects only to its own origin, the model hub and the servers you had configured when it loaded ` +
    `(its Content-Security-Policy); ${origin} is new. It is saved: reload the page to connect to it (nothing is lost).`
  );
}
