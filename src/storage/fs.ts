// ResultStore on a JSONL file for the Node CLI: the manifest line, then one appended line per result, the exact
// format `medvlm-bench tables` reads. Crash-safe: a put resolves after its line is fsynced; on reopen a torn
// last line (a kill mid-write) is cut off before anything is appended. A lease (lease.ts) keeps two runs off one file.
import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, truncate, writeFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EvalError, isEvalError } from '../core/errors';
import type { ResultStore } from '../core/ports';
import {
  createResultsReader,
  orderResult,
  type ParsedResults,
  serializeManifest,
  TORN_LAST_LINE,
} from '../core/results';
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

  /** Cuts a torn last line (a kill mid-write) off the file; returns the file's size after (0 when absent). */
  const repairTail = async (): Promise<number> => {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      if (errnoOf(e) === 'ENOENT') return 0;
      throw new EvalError('store/read', `Cannot read ${path}: ${String(e)}`, e);
    }
    try {
      const { size } = await fh.stat();
      // scan back from the end in blocks for the last newline: the tail is all that is read
      let end = size;
      const block = new Uint8Array(64 * 1024);
      while (end > 0) {
        const from = Math.max(0, end - block.length);
        const { bytesRead } = await fh.read(block, 0, end - from, from);
        const nl = block.subarray(0, bytesRead).lastIndexOf(NEWLINE);
        if (nl >= 0) {
          end = from + nl + 1;
          break;
        }
        end = from;
      }
      if (end === size) return size;
      await truncate(path, end);
      warn(`${path}: ${TORN_LAST_LINE} (${size - end} bytes)`);
      return end;
    } finally {
      await fh.close();
    }
  };

  /** The whole file parsed line by line as it streams in: never one string of the whole file (issue 13.6). */
  const parseFile = async (): Promise<ParsedResults> => {
    const reader = createResultsReader(path);
    try {
      for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }))
        reader.push(chunk as string);
    } catch (e) {
      throw new EvalError('store/read', `Cannot read ${path}: ${String(e)}`, e);
    }
    return reader.end();
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
        const size = await repairTail();
        // an absent, empty or blank file is a new one (a blank one is small: only then is it read whole)
        const blank = size === 0 || (size <= 4096 && (await readFile(path, 'utf8')).trim() === '');
        if (blank) {
          await writeFile(path, serializeManifest(manifest), { flag: 'w' });
          handle = await open(path, 'a');
          if (durable) {
            await handle.datasync();
            await syncDirectory(dirname(path));
          }
          return [];
        }
        const parsed = await parseFile();
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
      return (await parseFile()).runs.at(-1)?.results ?? [];
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
