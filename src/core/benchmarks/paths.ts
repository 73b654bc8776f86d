// Dataset-relative path arithmetic ('/'-separated, no leading slash), shared by every adapter.

const BACKSLASHES = /\\/g;

/** Backslashes to '/', no leading './' or '/', '.' and '..' segments resolved. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(BACKSLASHES, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Folder part of a path ('' for a top-level file). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export function baseOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Joins a folder and a relative path. Fast path for the common already-clean case (called per record). */
export function joinPath(dir: string, rel: string): string {
  const clean =
    rel.indexOf('\\') < 0 &&
    !rel.startsWith('./') &&
    !rel.startsWith('/') &&
    rel.indexOf('/.') < 0 &&
    rel.indexOf('//') < 0;
  if (clean && rel !== '' && rel !== '.' && rel !== '..') return dir === '' ? rel : `${dir}/${rel}`;
  return normalizePath(dir === '' ? rel : `${dir}/${rel}`);
}
