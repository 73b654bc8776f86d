// The dataset URLs remembered across visits (key-value port, REMEMBERED_URLS_KEY): each with the benchmark and
// variant it was loaded as; anything unreadable in storage is skipped, never an error.

export interface RememberedUrl {
  url: string;
  benchmark?: string;
  variant?: string;
}

export function readRemembered(v: unknown): RememberedUrl[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: unknown): RememberedUrl[] => {
    const r = (x ?? {}) as Record<string, unknown>;
    if (typeof r['url'] !== 'string') return [];
    return [
      {
        url: r['url'],
        ...(typeof r['benchmark'] === 'string' ? { benchmark: r['benchmark'] } : {}),
        ...(typeof r['variant'] === 'string' ? { variant: r['variant'] } : {}),
      },
    ];
  });
}

export const sameUrl = (a: RememberedUrl, b: RememberedUrl): boolean =>
  a.url === b.url && a.benchmark === b.benchmark && a.variant === b.variant;
