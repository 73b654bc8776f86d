// Installs the page's narrowed connect-src (lib/pure/connect-policy.ts) before anything fetches: index.html's own
// meta policy keeps connect-src open for hosts that serve the file as it is, and this second policy, added from
// what the user saved, narrows it (a page enforces every policy it has, so the two together allow only their
// intersection). Chromium enforces a CSP meta element from the moment it is inserted into <head>.
//
// A policy only ever narrows, so a server configured after the page loaded is reachable from the next load on:
// ensureConnectable() saves its origin (ALLOWED_KEY) and throws the reload message, and the page shows a reload
// button (state/connect-notice.svelte.ts); so does a connection the browser blocked to a server configured since.
// Only URLs the user gave (typed, or in the link that opened the page) are ever saved.
import { EvalError } from '../../../core/errors';
import {
  ALLOWED_KEY,
  allowsUrl,
  configuredOrigins,
  connectSrc,
  originOf,
  reloadMessage,
  savedUrls,
  urlsInHash,
} from '../pure/connect-policy';
import { webStorage } from './web-storage';

const local = webStorage('local');
const read = (key: string): unknown => local.read(key);
let active: string[] | null = null;
const listeners = new Set<(origin: string) => void>();

/** Adds the narrowed policy to <head> (once) and returns the origins it allows beside 'self' and the hub. */
export function installConnectPolicy(): readonly string[] {
  if (active !== null) return active;
  const origins = configuredOrigins([...savedUrls(read), ...urlsInHash(location.hash)], location.origin);
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = connectSrc(origins);
  meta.dataset['policy'] = 'connect';
  document.head.append(meta);
  // A connection the browser blocked: the notice only for a server the user has configured since (a reload then
  // allows it); anything else stays blocked, and saving it would undo the policy.
  document.addEventListener('securitypolicyviolation', (e) => {
    if (e.effectiveDirective !== 'connect-src') return;
    const origin = originOf(e.blockedURI);
    if (origin !== null && configuredOrigins(savedUrls(read), location.origin).includes(origin)) notify(origin);
  });
  active = origins;
  return origins;
}

/** Called with each configured origin this page was refused (by ensureConnectable or by the browser). */
export function onBlockedOrigin(listener: (origin: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notify(origin: string): void {
  for (const l of listeners) l(origin);
}

/** Saves an origin the user configured (so that the next load allows it) and shows the notice. */
function allowNextLoad(origin: string): void {
  const saved = read(ALLOWED_KEY);
  const list = Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : [];
  // Storage full or forbidden: the reload message still says what to do.
  if (!list.includes(origin)) local.write(ALLOWED_KEY, [...list, origin]);
  notify(origin);
}

/** Whether the page may fetch this URL now (true before installConnectPolicy: no narrowed policy yet). */
export function connectable(url: string): boolean {
  return active === null || allowsUrl(active, location.origin, url);
}

/** The URL made absolute against the page (a served model's base URL is scheme-relative: "//host/path/"). */
function absolute(url: string): string {
  try {
    return new URL(url, location.href).href;
  } catch {
    return url;
  }
}

/** For a server the user just configured: outside the policy, its origin is saved and the reload notice shown. */
export function noteConfigured(url: string): void {
  const origin = originOf(absolute(url));
  if (origin !== null && !connectable(url)) allowNextLoad(origin);
}

/**
 * Throws the reload message (code config/needs-reload) for a URL outside the policy this page loaded with, after
 * saving its origin so that the next load allows it. Called only with URLs the user gave.
 */
export function ensureConnectable(url: string): void {
  if (connectable(url)) return;
  noteConfigured(url);
  throw new EvalError('config/needs-reload', reloadMessage(absolute(url)));
}
