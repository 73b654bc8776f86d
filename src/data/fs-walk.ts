// Listing a dataset folder without leaving it: file links are followed wherever they point (a Hugging Face cache
// snapshot is a folder of links into its blob store), folder links only when they stay inside the root (a link to
// / would list the whole machine), and an entry that cannot be read is reported, not fatal.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { ListingProblem } from '../core/ports';

const errnoOf = (e: unknown): string =>
  typeof e === 'object' && e !== null ? String((e as { code?: unknown }).code ?? 'error') : 'error';

/** True when `real` is `rootReal` or below it (both resolved). */
export function isInside(rootReal: string, real: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

function why(e: unknown): string {
  const code = errnoOf(e);
  if (code === 'EACCES' || code === 'EPERM')
    return 'permission denied (EACCES): give this user read access, or leave it out';
  if (code === 'ELOOP') return 'a link that points back to itself (ELOOP)';
  return `cannot be read (${code})`;
}

export interface Walked {
  /** Relative '/'-separated paths of every file, sorted. */
  files: string[];
  problems: ListingProblem[];
}

/** Every file below `rootReal` (already resolved by realpath). Throws only when the root itself cannot be read. */
export async function walkDataset(rootReal: string): Promise<Walked> {
  const files: string[] = [];
  const problems: ListingProblem[] = [];
  const seen = new Set<string>([rootReal]);
  const visit = async (dir: string, rel: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (rel === '') throw e;
      problems.push({ path: `${rel}/`, reason: `unreadable: the folder ${why(e)}` });
      return;
    }
    // real entries before links, so a folder also reachable through a link is listed under its own path
    entries.sort((a, b) => Number(a.isSymbolicLink()) - Number(b.isSymbolicLink()));
    for (const entry of entries) {
      const full = join(dir, entry.name);
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const target = await stat(full);
          isDir = target.isDirectory();
          isFile = target.isFile();
        } catch (e) {
          if (errnoOf(e) !== 'ENOENT') problems.push({ path, reason: `unreadable: the link ${why(e)}` });
          continue; // a dangling link is not a file
        }
      }
      if (isFile) files.push(path);
      if (!isDir) continue; // sockets, FIFOs, devices: never dataset files
      let real: string;
      try {
        real = await realpath(full);
      } catch (e) {
        problems.push({ path: `${path}/`, reason: `unreadable: the folder ${why(e)}` });
        continue;
      }
      if (!isInside(rootReal, real)) {
        problems.push({
          path: `${path}/`,
          reason:
            'outside-root: a link to a folder outside the dataset folder is not followed; pass that folder ' +
            'itself, or copy or bind-mount it in',
        });
        continue;
      }
      if (seen.has(real)) continue; // a link back to a folder already listed
      seen.add(real);
      await visit(full, path);
    }
  };
  await visit(rootReal, '');
  files.sort();
  return { files, problems };
}
