// An exclusive, renewable lease on a results file (its `<file>.lock`): one writer at a time, across processes,
// PID namespaces and hosts sharing a folder. Created whole (temp file, then link: never an empty lock), refreshed
// while its run lives, stale only when not refreshed for the lease time or when its holder is provably dead here,
// taken over by exactly one process, released only by its owner (checked by token).
import { createHash, randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import { EvalError } from '../core/errors';
import { type ProcessIdentity, provablyDead, selfIdentity, sharesPidSpace } from './process-identity';

export interface LeaseOptions {
  /** How often the holder refreshes it (default 5 s; env MEDVLM_BENCH_LEASE_REFRESH_MS). */
  refreshMs?: number;
  /** Not refreshed for this long, a lease is stale and may be taken over (default 30 s; env MEDVLM_BENCH_LEASE_MS). */
  staleMs?: number;
  /** The file the lease guards, for messages. */
  subject?: string;
  /** Told once when the lease was taken over by another process (this one was not refreshed in time). */
  onLost?: (error: EvalError) => void;
}

export interface Lease {
  readonly path: string;
  readonly token: string;
  /** Throws store/lease-lost when the lock file no longer holds this lease. */
  check(): Promise<void>;
  /** Stops refreshing and removes the lock file if it still holds this lease; idempotent. */
  release(): Promise<void>;
}

interface Holder extends ProcessIdentity {
  token: string;
  created: string;
}

/** What is at the lock path now: a lease (or unreadable content), its age since the last refresh. */
interface Seen {
  holder: Holder | null;
  /** The holder's token, or a digest of unreadable content: names the one right to replace it. */
  key: string;
  ageMs: number;
}

const TOKEN = /^[0-9a-f]{32}$/;
/** Tokens of the leases this process holds: a second store on one file in one process is refused too. */
const heldHere = new Set<string>();
const errnoOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;

function envMs(name: string, fallback: number): number {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

function parseHolder(text: string): Holder | null {
  // the PID file of earlier versions: a process of this machine and namespace whose start time is unknown
  const legacy = /^\s*(\d+)\s*$/.exec(text);
  if (legacy !== null) return { ...selfIdentity(), pid: Number(legacy[1]), start: null, token: '', created: '?' };
  try {
    const v = JSON.parse(text) as Partial<Holder> & { lease?: unknown };
    if (v.lease !== 1 || typeof v.token !== 'string' || !TOKEN.test(v.token)) return null;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string') return null;
    const orNull = (x: unknown): string | null => (typeof x === 'string' ? x : null);
    return {
      host: v.host,
      boot: orNull(v.boot),
      pidNs: orNull(v.pidNs),
      pid: v.pid,
      start: orNull(v.start),
      token: v.token,
      created: orNull(v.created) ?? '?',
    };
  } catch {
    return null; // a lease being written where link() is unsupported, or a stranger: judged by age
  }
}

async function inspect(path: string): Promise<Seen | null> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    const holder = parseHolder(text);
    const key =
      holder !== null && TOKEN.test(holder.token)
        ? holder.token
        : createHash('sha256').update(`${info.ino}:${info.mtimeMs}:${text}`).digest('hex').slice(0, 32);
    return { holder, key, ageMs: Math.max(0, Date.now() - info.mtimeMs) };
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return null;
    throw new EvalError('store/locked', `Cannot read the lock ${path}: ${String(e)}`, e);
  }
}

/** Writes `path` only if it does not exist, with its whole content at once where the filesystem allows. */
async function createExclusive(path: string, content: string, tmp: string): Promise<boolean> {
  try {
    await link(tmp, path);
    return true;
  } catch (e) {
    const code = errnoOf(e);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
  }
  // no hard links here (FAT, some network shares): exclusive create, then the content; a reader that meets
  // it empty meanwhile judges it by age, so it counts as held
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    if (errnoOf(e) === 'EEXIST') return false;
    throw e;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;

function describeHolder(seen: Seen, path: string): string {
  const h = seen.holder;
  if (h === null) return `${path} (not a lease this version wrote; last changed ${seconds(seen.ageMs)} ago)`;
  const me = selfIdentity();
  const where = sharesPidSpace(h, me)
    ? `on this machine`
    : (h.boot !== null && h.boot === me.boot) || (h.boot === null && h.host === me.host)
      ? `in another PID namespace (another container) on ${h.host}`
      : `on host ${h.host}`;
  return `${path}: process ${h.pid} ${where}, since ${h.created}, last refreshed ${seconds(seen.ageMs)} ago`;
}

export async function acquireLease(path: string, options: LeaseOptions = {}): Promise<Lease> {
  const refreshMs = options.refreshMs ?? envMs('MEDVLM_BENCH_LEASE_REFRESH_MS', 5_000);
  const staleMs = options.staleMs ?? envMs('MEDVLM_BENCH_LEASE_MS', 30_000);
  const subject = options.subject ?? path;
  const me = selfIdentity();
  const token = randomBytes(16).toString('hex');
  const content = `${JSON.stringify({ lease: 1, ...me, token, created: new Date().toISOString() })}\n`;
  const tmp = `${path}.${token}.tmp`;

  const isStale = (seen: Seen): boolean => {
    if (seen.ageMs > staleMs) return true;
    const h = seen.holder;
    if (h === null) return false;
    // this very process: live while it still holds that lease, else a leftover of a store never closed
    if (sharesPidSpace(h, me) && h.pid === me.pid && h.start === me.start) return !heldHere.has(h.token);
    return provablyDead(h, me);
  };
  const refusal = (seen: Seen): EvalError =>
    new EvalError(
      'store/locked',
      `${subject} is being written by another run — lock ${describeHolder(seen, path)}. A lease is free once not ` +
        `refreshed for ${seconds(staleMs)}. Wait for that run, or choose another output file.`,
    );

  /** The one right to replace the lock that holds `seen`: an exclusive marker named after its key. */
  const takeOver = async (seen: Seen): Promise<boolean> => {
    const marker = `${path}.takeover-${seen.key}`;
    if (!(await createExclusive(marker, content, tmp))) {
      const other = await inspect(marker);
      // a taker that died mid-takeover left its marker: gone for good once older than a lease (two processes
      // clearing the same dead marker at once could both go on; that needs a crash inside a takeover first)
      if (other !== null && other.ageMs > staleMs) await rm(marker, { force: true });
      return false;
    }
    try {
      const now = await inspect(path);
      if (now === null || now.key !== seen.key || !isStale(now)) return false; // released, replaced or refreshed
      await rename(tmp, path); // atomic replace: the lock is never absent or half-written
      return true;
    } finally {
      await rm(marker, { force: true });
    }
  };

  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await createExclusive(path, content, tmp)) return startHolding();
      const seen = await inspect(path);
      if (seen === null) continue; // released meanwhile: try again
      if (!isStale(seen)) throw refusal(seen);
      if (await takeOver(seen)) return startHolding();
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
    const seen = await inspect(path);
    if (seen !== null && !isStale(seen)) throw refusal(seen);
    throw new EvalError(
      'store/locked',
      `Cannot take the lock ${path}: it keeps changing hands. Make sure only one run writes ${subject}.`,
    );
  } catch (e) {
    if (e instanceof EvalError) throw e;
    throw new EvalError('store/locked', `Cannot create the lock ${path}: ${String(e)}`, e);
  } finally {
    await rm(tmp, { force: true });
  }

  function startHolding(): Lease {
    heldHere.add(token);
    let released = false;
    let lost: EvalError | null = null;
    let refreshing = false;
    const loseIt = (seen: Seen | null): EvalError => {
      if (lost !== null) return lost;
      lost = new EvalError(
        'store/lease-lost',
        `This run lost its lease on ${subject}: ` +
          (seen === null ? `${path} was removed` : `now held by ${describeHolder(seen, path)}`) +
          ` (its lease went ${seconds(staleMs)} without a refresh: the process was suspended, or the disk ` +
          `unreachable). It stopped ` +
          `writing; rerun the same command once the other run ends to resume.`,
      );
      heldHere.delete(token);
      clearInterval(timer);
      options.onLost?.(lost);
      return lost;
    };
    const check = async (): Promise<void> => {
      if (lost !== null) throw lost;
      if (released) throw new EvalError('store/not-open', `The lease on ${subject} was released.`);
      const seen = await inspect(path);
      if (seen === null || seen.key !== token) throw loseIt(seen);
    };
    const timer = setInterval(() => {
      if (refreshing || released || lost !== null) return;
      refreshing = true;
      check()
        .then(() => {
          const now = new Date();
          return utimes(path, now, now);
        })
        .catch(() => undefined) // a lost lease is recorded by check(); a failed touch is retried next time
        .finally(() => (refreshing = false));
    }, refreshMs);
    timer.unref(); // never what keeps a process alive
    return {
      path,
      token,
      check,
      async release() {
        if (released) return;
        released = true;
        clearInterval(timer);
        heldHere.delete(token);
        if (lost !== null) return;
        // the same right a taker needs, so a release never removes a lease that just changed hands
        const marker = `${path}.takeover-${token}`;
        const markerTmp = `${path}.${token}.release.tmp`;
        try {
          await (await open(markerTmp, 'w')).close();
          if (!(await createExclusive(marker, '', markerTmp))) return;
          try {
            if ((await inspect(path))?.key === token) await rm(path, { force: true });
          } finally {
            await rm(marker, { force: true });
          }
        } catch {
          // the folder is gone or unwritable: nothing to release, or a lease that expires on its own
        } finally {
          await rm(markerTmp, { force: true }).catch(() => undefined);
        }
      },
    };
  }
}
