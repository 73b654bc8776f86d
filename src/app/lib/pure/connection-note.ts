// The browser's HTTP/1.1 connection cap, in words: how many requests can really be in flight to the configured
// endpoints, and what lifts the cap. Pure, so the note and its arithmetic are unit-testable.

/** Chromium, Firefox and Safari open at most this many HTTP/1.1 connections per origin. */
export const HTTP1_CONNECTIONS_PER_ORIGIN = 6;

export interface ConnectionNote {
  /** True when the browser will hold fewer requests in flight than the concurrency asked for. */
  capped: boolean;
  /** Requests in flight the browser can sustain at most (Infinity when nothing caps it). */
  effectiveInFlight: number;
  /** Plain-http origins: HTTP/1.1 for sure (browsers speak HTTP/2 only over TLS). */
  http1Origins: string[];
  /** https origins whose protocol is not known yet (HTTP/2 only if the server or its proxy offers it). */
  unknownOrigins: string[];
  message: string;
}

/**
 * `protocols` maps an origin to the protocol a finished request used (Resource Timing's nextHopProtocol:
 * 'http/1.1', 'h2', 'h3'), when the connection test saw one.
 */
export function describeConnectionCap(
  urls: readonly string[],
  concurrency: number,
  protocols: Readonly<Record<string, string>> = {},
): ConnectionNote {
  const origins = [...new Set(urls.flatMap((u) => originOf(u) ?? []))];
  const http1Origins: string[] = [];
  const unknownOrigins: string[] = [];
  let multiplexed = 0;
  for (const o of origins) {
    const seen = protocols[o] ?? '';
    if (seen === 'h2' || seen === 'h3') multiplexed += 1;
    else if (o.startsWith('http:') || seen.startsWith('http/1')) http1Origins.push(o);
    else unknownOrigins.push(o);
  }
  const effectiveInFlight =
    multiplexed + unknownOrigins.length > 0
      ? Infinity
      : Math.min(concurrency, http1Origins.length * HTTP1_CONNECTIONS_PER_ORIGIN);
  const capped = effectiveInFlight < concurrency;
  let message = '';
  if (capped) {
    message =
      `Concurrency ${concurrency}, but ${http1Origins.join(', ')} ${http1Origins.length === 1 ? 'speaks' : 'speak'} HTTP/1.1 and the browser opens at most ` +
      `${HTTP1_CONNECTIONS_PER_ORIGIN} connections per origin: at most ${effectiveInFlight} requests will be in flight; the rest wait in the browser. ` +
      'An HTTP/2 reverse proxy with TLS (Caddy, nginx) in front of the server lifts the cap, as does the Node CLI (medvlm-bench run).';
  } else if (unknownOrigins.length > 0 && concurrency > HTTP1_CONNECTIONS_PER_ORIGIN) {
    message =
      `Over https the browser multiplexes requests only if ${unknownOrigins.join(', ')} offers HTTP/2; ` +
      `over HTTP/1.1 it keeps at most ${HTTP1_CONNECTIONS_PER_ORIGIN} requests in flight per origin. Test the connection to find out.`;
  }
  return { capped, effectiveInFlight, http1Origins, unknownOrigins, message };
}

function originOf(url: string): string | null {
  try {
    const text = /^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) ? url.trim() : `http://${url.trim()}`;
    return new URL(text).origin;
  } catch {
    return null;
  }
}
