// The results file's lease (src/storage/lease.ts), in one process: created whole, refreshed, judged stale only by
// age or provable death on this machine, taken over by exactly one contender, released only by its owner.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { acquireLease, type Lease } from '../../../src/storage/lease';
import { selfIdentity, startTimeOf } from '../../../src/storage/process-identity';
import { createFsStore } from '../../../src/storage/fs';
import { contractManifest, contractResult } from '../../contracts/result-store.contract';

let dir: string;
let n = 0;
const held: Lease[] = [];
const lockPath = (): string => join(dir, `results-${++n}.jsonl.lock`);
const take = async (path: string, opts: Parameters<typeof acquireLease>[1] = {}): Promise<Lease> => {
  const lease = await acquireLease(path, { refreshMs: 50, staleMs: 2_000, ...opts });
  held.push(lease);
  return lease;
};
/** A lease file as another process would have written it. */
const leaseText = (over: Record<string, unknown>): string =>
  JSON.stringify({ lease: 1, ...selfIdentity(), token: 'f'.repeat(32), created: '2026-01-01T00:00:00Z', ...over });
const age = async (path: string, seconds: number): Promise<void> => {
  const t = new Date(Date.now() - seconds * 1000);
  await utimes(path, t, t);
};

let sleeper: ChildProcess;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'medvlm-lease-'));
  // a live process that is not a run: a PID that is alive, owned by "someone else"
  sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
  await new Promise((r) => sleeper.once('spawn', r));
});
afterEach(async () => {
  for (const l of held.splice(0)) await l.release();
});
afterAll(async () => {
  sleeper.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('lease: creation and refusal', () => {
  it('is created whole: host, boot id, PID namespace, PID, start time and a random token', async () => {
    const path = lockPath();
    const lease = await take(path);
    const content = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
    expect(content).toMatchObject({ lease: 1, pid: process.pid, token: lease.token, host: selfIdentity().host });
    expect(lease.token).toMatch(/^[0-9a-f]{32}$/);
    if (process.platform === 'linux') {
      expect(content['start']).toBe(startTimeOf(process.pid));
      expect(content['pidNs']).toMatch(/^pid:\[\d+\]$/);
      expect(content['boot']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // no temp file or takeover marker left beside it
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).filter((f) => f.startsWith(path.slice(dir.length + 1)))).toEqual([
      path.slice(dir.length + 1),
    ]);
  });

  it('refuses a second holder, naming the lock file, its holder and the age of its last refresh', async () => {
    const path = lockPath();
    await take(path);
    const refused = take(path, { subject: 'runs/a.jsonl' });
    await expect(refused).rejects.toMatchObject({ code: 'store/locked' });
    const message = await refused.catch((e: Error) => e.message);
    expect(message).toContain(path);
    expect(message).toContain('runs/a.jsonl');
    expect(message).toContain(`process ${process.pid}`);
    expect(message).toMatch(/last refreshed \d+\.\d s ago/);
  });

  it('is refreshed while held, and released only by its owner', async () => {
    const path = lockPath();
    const lease = await take(path, { refreshMs: 40 });
    await age(path, 3600);
    await new Promise((r) => setTimeout(r, 250));
    expect(Date.now() - (await stat(path)).mtimeMs).toBeLessThan(1_000);
    // another process took it over (simulated): the old owner's release leaves the new lease alone
    const other = leaseText({ token: 'a'.repeat(32), pid: sleeper.pid });
    await writeFile(`${path}.tmp`, other);
    await rename(`${path}.tmp`, path);
    await expect(lease.check()).rejects.toMatchObject({ code: 'store/lease-lost' });
    await lease.release();
    expect(await readFile(path, 'utf8')).toBe(other);
    await rm(path);
    // and an owner's release removes its own
    const mine = await take(path);
    await mine.release();
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('lease: when a lock is stale', () => {
  it('a fresh lease of a live unrelated process is refused; not refreshed for the lease time, it is taken over', async () => {
    const path = lockPath();
    const pid = sleeper.pid ?? -1;
    await writeFile(path, leaseText({ pid, start: startTimeOf(pid) }));
    await expect(take(path)).rejects.toMatchObject({ code: 'store/locked' });
    await age(path, 3);
    const lease = await take(path);
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ token: lease.token, pid: process.pid });
  });

  it.runIf(process.platform === 'linux')(
    'a fresh lease whose PID now belongs to a process started at another time (a reused PID) is taken over',
    async () => {
      const path = lockPath();
      await writeFile(path, leaseText({ pid: sleeper.pid, start: '1' }));
      await expect(take(path)).resolves.toBeDefined();
    },
  );

  it('a fresh lease of a process gone from this machine and namespace is taken over', async () => {
    const path = lockPath();
    await writeFile(path, leaseText({ pid: 999_999_999 }));
    await expect(take(path)).resolves.toBeDefined();
    // the PID file of earlier versions, its process gone, too
    const legacy = lockPath();
    await writeFile(legacy, '999999999\n');
    await expect(take(legacy)).resolves.toBeDefined();
  });

  it('a fresh lease from another PID namespace or host is never judged dead by its PID: refused until it ages', async () => {
    const path = lockPath();
    // PID 999999999 does not exist here; in the holder's own namespace it may well be running
    await writeFile(path, leaseText({ pid: 999_999_999, pidNs: 'pid:[1]' }));
    const refused = take(path);
    await expect(refused).rejects.toMatchObject({ code: 'store/locked' });
    expect(await refused.catch((e: Error) => e.message)).toContain('another PID namespace');
    await writeFile(path, leaseText({ pid: 999_999_999, host: 'node-17', boot: 'other-boot' }));
    const fromHost = take(path);
    await expect(fromHost).rejects.toMatchObject({ code: 'store/locked' });
    expect(await fromHost.catch((e: Error) => e.message)).toContain('on host node-17');
    await age(path, 3);
    await expect(take(path)).resolves.toBeDefined();
  });

  it('an empty or foreign lock counts as held until it is older than the lease time', async () => {
    const path = lockPath();
    await writeFile(path, '');
    await expect(take(path)).rejects.toMatchObject({ code: 'store/locked' });
    await age(path, 3);
    await expect(take(path)).resolves.toBeDefined();
  });
});

describe('lease: takeover races', () => {
  it('contenders racing on one stale lease: exactly one wins, every time (40 trials × 6)', async () => {
    for (let trial = 0; trial < 40; trial++) {
      const path = lockPath();
      await writeFile(path, leaseText({ host: 'gone-host', boot: 'gone', pid: 1 }));
      await age(path, 60);
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => take(path)));
      const winners = outcomes.filter((o) => o.status === 'fulfilled');
      expect(winners, `trial ${trial}`).toHaveLength(1);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toMatchObject({ code: 'store/locked' });
      const won = winners[0];
      if (won?.status === 'fulfilled')
        expect((JSON.parse(await readFile(path, 'utf8')) as { token: string }).token).toBe(won.value.token);
      for (const l of held.splice(0)) await l.release();
    }
  });
});

describe('fs store on a lease', () => {
  it('a store whose lease was taken over stops writing: the next put fails with store/lease-lost', async () => {
    const path = join(dir, 'taken.jsonl');
    const warnings: string[] = [];
    const store = createFsStore(path, { lease: { refreshMs: 30 }, onWarning: (w) => warnings.push(w) });
    await store.open(contractManifest());
    await store.put(contractResult('a'));
    // taken over as a taker does it: renamed into place whole
    await writeFile(`${path}.tmp`, leaseText({ token: 'b'.repeat(32), host: 'other', boot: 'other' }));
    await rename(`${path}.tmp`, `${path}.lock`);
    await new Promise((r) => setTimeout(r, 120));
    await expect(store.put(contractResult('b'))).rejects.toMatchObject({ code: 'store/lease-lost' });
    expect(warnings.join('\n')).toContain('on host other');
    const lines = (await readFile(path, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2); // manifest + 'a'
    await store.close();
    expect(await readFile(`${path}.lock`, 'utf8')).toContain('b'.repeat(32));
  });

  it('close() releases the lease, so a second store opens at once', async () => {
    const path = join(dir, 'closed.jsonl');
    const first = createFsStore(path);
    await first.open(contractManifest());
    await expect(createFsStore(path).open(contractManifest())).rejects.toMatchObject({ code: 'store/locked' });
    await first.close();
    const second = createFsStore(path);
    await expect(second.open(contractManifest())).resolves.toEqual([]);
    await second.close();
  });
});

describe('fs stores racing', () => {
  it('stores opening one file with a stale lock: exactly one opens, every time (30 trials × 4)', async () => {
    for (let trial = 0; trial < 30; trial++) {
      const path = join(dir, `race-${trial}.jsonl`);
      await writeFile(`${path}.lock`, '999999999\n'); // left by a killed run
      const stores = Array.from({ length: 4 }, () => createFsStore(path, { durable: false }));
      const outcomes = await Promise.allSettled(stores.map((s) => s.open(contractManifest())));
      expect(
        outcomes.filter((o) => o.status === 'fulfilled'),
        `trial ${trial}`,
      ).toHaveLength(1);
      for (const s of stores) await s.close();
    }
  });
});
