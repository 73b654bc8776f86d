// What the browser recorded about a finished request (Resource Timing): the connection test reads its protocol.

/** The protocol Resource Timing recorded for the last request to `url` ('' when unknown or hidden). */
export function protocolOf(url: string): string {
  const entries = performance.getEntriesByName(url, 'resource') as PerformanceResourceTiming[];
  return entries.at(-1)?.nextHopProtocol ?? '';
}
