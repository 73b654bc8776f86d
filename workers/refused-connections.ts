// Connections the browser refused in this worker under the page's connection policy (a worker started by
// src/app/lib/dom/start-worker.ts inherits it): a refused fetch only says "Failed to fetch", which the data layer
// would take for CORS or an unreachable host, so a load that failed after a refusal says what really happened.
import { EvalError } from '../src/core/errors';

const refused: string[] = [];
self.addEventListener('securitypolicyviolation', (e) => {
  if (e.effectiveDirective === 'connect-src') refused.push(e.blockedURI);
});

/** How many were refused so far (a mark to pass to refusedError). */
export const refusedMark = (): number => refused.length;

/**
 * The error for a failed job that saw refusals since `mark` (null when it saw none: its own error stands). For a
 * redirect the browser reports the URL that was asked for, not where it led (so as not to leak the redirect).
 */
export function refusedError(mark: number): EvalError | null {
  const first = refused[mark];
  if (first === undefined) return null;
  return new EvalError(
    'dataset/blocked-by-policy',
    `This page refused a connection the data needed (${first}, or where it redirects): the page connects only to ` +
      `its own origin, the model hub and the servers you configured (its Content-Security-Policy), and the data ` +
      `led elsewhere (a redirect to another host, or a file on one). If you trust that host (open the URL in a new ` +
      `tab to see where it leads), load the data from a URL on it directly: it is then remembered, and allowed ` +
      `after a reload.`,
  );
}
