// Hash-based navigation (#/page?key=value): no router library, survives reloads, works from a static host.

export const PAGES = [
  { id: 'benchmarks', label: 'Benchmarks' },
  { id: 'items', label: 'Item browser' },
  { id: 'run', label: 'Run' },
  { id: 'tables', label: 'Tables' },
  { id: 'inspect', label: 'Inspector' },
  { id: 'classifier', label: 'Classifier' },
  { id: 'compare', label: 'Compare' },
  { id: 'plots', label: 'Plots' },
  { id: 'setup', label: 'Setup' },
] as const;
export type PageId = (typeof PAGES)[number]['id'];

function isPageId(s: string): s is PageId {
  return PAGES.some((p) => p.id === s);
}

function parseHash(hash: string): { page: PageId; params: URLSearchParams } {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { page: isPageId(path) ? path : 'benchmarks', params: new URLSearchParams(query) };
}

class Route {
  page = $state<PageId>('benchmarks');
  params = $state.raw(new URLSearchParams());

  constructor() {
    if (typeof window === 'undefined') return;
    this.sync();
    window.addEventListener('hashchange', () => this.sync());
  }

  private sync(): void {
    const { page, params } = parseHash(window.location.hash);
    this.page = page;
    this.params = params;
  }

  /** Updates one page's query keys (null removes a key) without adding history entries per click. */
  set(page: PageId, updates: Record<string, string | null> = {}): void {
    // A scratch copy that is written to the hash; the reactive params are re-read from it on hashchange.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const params = new URLSearchParams(page === this.page ? this.params : undefined);
    for (const [k, v] of Object.entries(updates)) {
      if (v === null) params.delete(k);
      else params.set(k, v);
    }
    const q = params.toString();
    history.replaceState(null, '', `#/${page}${q ? `?${q}` : ''}`);
    this.page = page;
    this.params = params;
  }
}

export const route = new Route();

export function hrefOf(page: PageId): string {
  return `#/${page}`;
}
