// How a run plan names a benchmark it runs: a bundled demo slice by its id ("vqa-rad", as plans saved before loaded
// datasets existed did), a loaded dataset by a key that survives a reload: `loaded:<benchmark>:<variant>:<origin>`,
// where the origin is the URL for a URL (loaded again on start), the kept folder's id for a picked folder, and the
// name for dropped files or a picked zip (which a reload cannot reopen: the page then says what to load again).
const LOADED = 'loaded:';

export interface LoadedEntry {
  benchmark: string;
  variant: string;
  /** The source's stable key (originKeyOf in state/bench-choices.svelte.ts). */
  origin: string;
}

export function loadedEntry(e: LoadedEntry): string {
  return `${LOADED}${e.benchmark}:${e.variant}:${e.origin}`;
}

/** A loaded dataset's parts, or null for a bundled id. Benchmark ids and variants hold no ':'; an origin may. */
export function parseLoadedEntry(entry: string): LoadedEntry | null {
  if (!entry.startsWith(LOADED)) return null;
  const rest = entry.slice(LOADED.length);
  const a = rest.indexOf(':');
  const b = a < 0 ? -1 : rest.indexOf(':', a + 1);
  if (a <= 0 || b <= a + 1 || b === rest.length - 1) return null;
  return { benchmark: rest.slice(0, a), variant: rest.slice(a + 1, b), origin: rest.slice(b + 1) };
}

/** What the user must load again for an entry that is not loaded, in their words. */
export function describeOrigin(origin: string): string {
  const cut = origin.indexOf(':');
  const kind = origin.slice(0, cut);
  const value = origin.slice(cut + 1);
  if (kind === 'url') return `the URL ${value}`;
  if (kind === 'zip') return `the zip file ${value}`;
  if (kind === 'files') return `the dropped files (${value})`;
  if (kind === 'folder-name') return `the folder ${value}`;
  return 'the picked folder';
}

/** How the page names an entry it cannot offer: "vqa-rad (yesno) from the URL https://…", or the id itself. */
export function describeEntry(entry: string): string {
  const e = parseLoadedEntry(entry);
  return e === null ? entry : `${e.benchmark} (${e.variant}) from ${describeOrigin(e.origin)}`;
}
