// ResultStore on a JSONL file for the Node CLI: the manifest line, then one appended line per result, the exact
// format `medvlm-bench tables` reads. Crash-safe: a put resolves after its line is fsynced; on reopen a torn
// last line (a kill mid-write) is cut off before anything is appended. A lease (lease.ts) keeps two runs off one file.
import { mkdir, open, readFile, truncate, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EvalError, isEvalError } from '../core/errors';
import type { ResultStore } from '../core/ports';
import { orderResult, parseResultsJsonl, serializeManifest, TORN_LAST_LINE } from '../core/results';
import { manifestMismatches } from '../core/run/compat';
import { acquireLease, type Lease, type LeaseOptions } from './lease';
import { createPutQueue } from './put-queue';

export interface FsStoreOptions {
  /** fsync each batch of appended lines before its puts resolve (default true). */
  durable?: boolean;
  /** Refuse a file that another live process is writing (default true). */
  lock?: boolean;
  /** The lease's timings (tests; defaults: refreshed every 5 s, stale after 30 s without a refresh). */
  lease?: Pick<LeaseOptions, 'refreshMs' | 'staleMs'>;
  /** Told about what reopening found and fixed: a dropped torn line, unreadable lines. */
  onWarning?: (message: string) => void;
}

const NEWLINE = 0x0a;
const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;

export function createFsStore(path: string, options: FsStoreOptions = {}): ResultStore & { readonly path: string } {
  const durable = options.durable ?? true;
  const lockPath = `${path}.lock`;
  const warn = options.onWarning ?? (() => undefined);
  let handle: FileHandle | null = null;
  let lease: Lease | null = null;
  let broken: unknown = null;

  const takeLock = async (): Promise<void> => {
    if (options.lock === false) return;
    lease = await acquireLease(lockPath, {
      ...options.lease,
      subject: path,
      onLost: (e) => {
        broken ??= e;
        warn(e.message);
      },
    });
  };

  const readExisting = async (): Promise<Uint8Array> => {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return new Uint8Array(0);
      throw new EvalError('store/read', `Cannot read ${path}: ${String(e)}`, e);
    }
    if (bytes.length > 0 && bytes[bytes.length - 1] !== NEWLINE) {
      const keep = bytes.lastIndexOf(NEWLINE) + 1;
      await truncate(path, keep);
      warn(`${path}: ${TORN_LAST_LINE} (${bytes.length - keep} bytes)`);
      bytes = bytes.subarray(0, keep);
    }
    return bytes;
  };

  const readText = async (): Promise<string> => {
    try {
      return await readFile(path, 'utf8');
    } catch (e) {
      throw new EvalError('store/read', `Cannot read ${path}: ${String(e)}`, e);
    }
  };

  // one append + fsync carries every line that arrived while the previous one was in progress
  const queue = createPutQueue<string>(async (batch) => {
    try {
      if (broken !== null) throw broken;
      if (handle === null) throw new EvalError('store/not-open', `${path} is closed.`);
      await lease?.check(); // a run whose lease was taken over must not write beside the new holder
      await handle.appendFile(batch.join(''));
      if (durable) await handle.datasync();
    } catch (e) {
      // sticky: after a failed append the file's tail is unknown, so nothing more is written to it
      broken ??=
        isEvalError(e) && e.code === 'store/lease-lost'
          ? e
          : new EvalError('store/write', `Writing to ${path} failed: ${e instanceof Error ? e.message : String(e)}`, e);
      throw broken;
    }
  });

  return {
    path,
    async open(manifest) {
      if (handle !== null) throw new EvalError('store/already-open', `${path} is already open.`);
      await mkdir(dirname(path), { recursive: true });
      await takeLock();
      try {
        const bytes = await readExisting();
        const text = new TextDecoder().decode(bytes);
        if (text.trim() === '') {
          await writeFile(path, serializeManifest(manifest), { flag: 'w' });
          handle = await open(path, 'a');
          if (durable) {
            await handle.datasync();
            await syncDirectory(dirname(path));
          }
          return [];
        }
        const parsed = parseResultsJsonl(text, path);
        const last = parsed.runs[parsed.runs.length - 1];
        if (last === undefined) {
          const why = parsed.problems[0]?.message ?? 'no manifest line';
          throw new EvalError(
            'store/unreadable',
            `${path} is not a results file this app can resume (${why}). Choose another output file.`,
          );
        }
        const diffs = manifestMismatches(last.manifest, manifest);
        if (diffs.length > 0) {
          throw new EvalError(
            'store/incompatible',
            `${path} holds a different run (${diffs.join('; ')}). Choose another output file to keep both, or delete it to start over.`,
          );
        }
        for (const p of parsed.problems) warn(`${path}:${p.line}: ${p.message}`);
        handle = await open(path, 'a');
        return last.results;
      } catch (e) {
        await releaseLock();
        throw e;
      }
    },
    async put(result) {
      if (handle === null) throw new EvalError('store/not-open', `${path}: call open(manifest) before put().`);
      if (broken !== null) throw broken;
      // serialised now: the caller's object can change after put without changing what is written
      return queue.push(`${JSON.stringify(orderResult(result))}\n`);
    },
    async results() {
      if (handle === null) throw new EvalError('store/not-open', `${path}: call open(manifest) before results().`);
      // read back from the file, not kept in memory: a run of 100k items would hold every result it stored
      // (bench/soak.ts: +34 MB of heap over 100k items); the file is the one copy, last line per id wins
      await queue.drained();
      return parseResultsJsonl(await readText(), path).runs.at(-1)?.results ?? [];
    },
    async close() {
      await queue.drained();
      await handle?.close();
      handle = null;
      await releaseLock();
    },
  };

  async function releaseLock(): Promise<void> {
    const held = lease;
    lease = null;
    await held?.release();
  }
}

/** Makes a newly created file's directory entry durable too (Linux; a no-op where directories cannot be opened). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported on this platform: the file's own fsync is the best we can do
  } finally {
    await handle?.close();
  }
}
