// The real CLI sent SIGTERM mid-run: it cancels, closes its results file and releases the lease (the lock file is
// gone, not merely stale), exits 143, and a rerun started at once proceeds and finishes the remaining items.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/shared-datasets';
import type { OpenAITestServer } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { RadFixture } from './run-fixture';
import { caseOf, writeRadFixture } from './run-fixture';

let fixture: RadFixture;
let server: OpenAITestServer;
const children: ChildProcess[] = [];
beforeAll(async () => {
  fixture = await writeRadFixture(40);
  server = await startOpenAITestServer({
    models: ['lingshu-32b'],
    keyOf: caseOf,
    latencyMs: 80,
    respond: () => 'Answer: \\boxed{A}',
  });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await server.close();
  await rm(fixture.dir, { recursive: true, force: true });
});

function startCli(out: string) {
  const args = ['bin/medvlm-bench.mjs', 'run', '--benchmark', 'vqa-rad', '--data', fixture.dir];
  args.push('--endpoint', server.url, '--model', 'lingshu-32b', '--concurrency', '2', '--out', out);
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function storedIds(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; id?: string })
    .filter((l) => l.type === 'result')
    .map((l) => String(l.id));
}

describe('run: SIGTERM mid-way', () => {
  it('releases the lease, exits 143, and an immediate rerun proceeds', async () => {
    const out = join(fixture.dir, 'terminated.jsonl');
    const first = startCli(out);
    const deadline = Date.now() + 60_000;
    while ((await storedIds(out)).length < 6) {
      if (Date.now() > deadline) throw new Error(`the CLI stored too few results in time:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const lease = JSON.parse(await readFile(`${out}.lock`, 'utf8')) as { pid: number; token: string };
    expect(lease.pid).toBe(first.child.pid);
    first.child.kill('SIGTERM');
    expect(await first.exited, first.output()).toBe(143);
    await expect(stat(`${out}.lock`)).rejects.toMatchObject({ code: 'ENOENT' });
    const stored = await storedIds(out);
    expect(stored.length).toBeLessThan(fixture.items.length);

    const second = startCli(out);
    expect(await second.exited, second.output()).toBe(0);
    const all = await storedIds(out);
    expect(new Set(all).size).toBe(fixture.items.length);
    expect(all).toHaveLength(fixture.items.length); // no item stored twice
  }, 120_000);
});
