// SIGTERM and Ctrl-C (SIGINT) during a real `run` process: it stops promptly (items in flight abandoned, results
// made so far saved, the results file released) and exits 143 / 130; an immediate rerun proceeds and asks only for
// the items without a result.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleRunSignals } from '../../../src/cli/run-signals';
import { parseResultsJsonl } from '../../../src/core/results';
import { createRunControl } from '../../../src/core/run';
import { captureIO } from '../../support/cli-io';
import type { OpenAITestServer } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { CliChild } from './cli-child';
import { radRunArgs, startCli } from './cli-child';
import type { RadFixture } from './run-fixture';
import { caseOf, writeRadFixture } from './run-fixture';

const SERVED = 'lingshu-32b';
let fixture: RadFixture;
let server: OpenAITestServer;
let latencyMs = 1_500;
const children: CliChild[] = [];
beforeAll(async () => {
  fixture = await writeRadFixture(12);
  server = await startOpenAITestServer({ models: [SERVED], keyOf: caseOf, latencyMs: () => latencyMs });
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await server.close();
  await rm(fixture.dir, { recursive: true, force: true });
});

function run(out: string): CliChild {
  const child = startCli(radRunArgs(fixture.dir, server.url, SERVED, out, ['--concurrency', '2']));
  children.push(child);
  return child;
}

/** Ids of complete result lines (a torn last line does not count). */
async function storedIds(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((l) => l.includes('"type":"result"'))
    .map((l) => String((JSON.parse(l) as { id: string }).id));
}

async function untilStored(out: string, n: number, cli: CliChild): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await storedIds(out)).length < n) {
    if (Date.now() > deadline) throw new Error(`too few results in time:\n${cli.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('run: stopped by a signal', () => {
  for (const [signal, exitCode] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal}: exits ${exitCode} within seconds, results saved, the file released; a rerun finishes the rest`, async () => {
      latencyMs = 1_500;
      server.resetCounters();
      const out = join(fixture.dir, `${signal}.jsonl`);
      const first = run(out);
      await untilStored(out, 2, first);
      const sentAt = performance.now();
      first.child.kill(signal);
      const { code, signal: killedBy } = await first.exited;
      // prompt: the two requests in flight (1.5 s each) are abandoned, not waited for
      expect(performance.now() - sentAt).toBeLessThan(5_000);
      expect(killedBy).toBeNull();
      expect(code, first.output()).toBe(exitCode);
      expect(first.output()).toContain(`${signal}: stopping`);
      const kept = await storedIds(out);
      expect(kept.length).toBeGreaterThanOrEqual(2);
      expect(kept.length).toBeLessThan(fixture.items.length);
      const text = await readFile(out, 'utf8');
      expect(text.endsWith('\n')).toBe(true);
      expect(parseResultsJsonl(text, out).problems).toEqual([]);

      latencyMs = 0;
      server.resetCounters();
      const second = run(out);
      const again = await second.exited;
      expect(again.code, second.output()).toBe(0);
      const remaining = fixture.items.map((r) => String(r.qid)).filter((id) => !kept.includes(id));
      expect([...server.requests.keys()].sort()).toEqual(remaining.sort());
      const all = await storedIds(out);
      expect(all.sort()).toEqual(fixture.items.map((r) => String(r.qid)).sort());
    }, 120_000);
  }
});

describe('run: signal handling (in-process)', () => {
  it('cancels on the first signal, forces the exit after the grace period or on a second signal', async () => {
    const listening = process.listenerCount('SIGTERM');
    const control = createRunControl();
    const exits: number[] = [];
    const io = captureIO(process.cwd());
    const signals = handleRunSignals(control, io, { graceMs: 50, exit: (c) => void exits.push(c) });
    expect(signals.exitCode()).toBeNull();
    process.emit('SIGTERM', 'SIGTERM');
    expect(control.state).toBe('cancelled');
    expect(signals.exitCode()).toBe(143);
    expect(exits).toEqual([]);
    await new Promise((r) => setTimeout(r, 120));
    expect(exits).toEqual([143]);
    expect(io.err()).toContain('did not stop within 0.05 s');
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([143, 130]);
    signals.dispose();
    expect(process.listenerCount('SIGTERM')).toBe(listening);
  });
});
