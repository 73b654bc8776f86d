// The real CLI process against hostile servers (issue 13): a server that trickles its answer must not hold `run`
// past the deadline (--timeout 10: the process ends in under 30 s), and 50 MB answers or a gzip bomb inflating to
// 1 GB must not balloon the process (peak RSS, as the child reports it, under 300 MB).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResultsJsonl } from '../../../src/core/results';
import type { OpenAITestServer, TestServerOptions } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { CliChild } from './cli-child';
import { radRunArgs, startCli } from './cli-child';
import type { RadFixture } from './run-fixture';
import { caseOf, writeRadFixture } from './run-fixture';

const SERVED = 'lingshu-32b';
let fixture: RadFixture;
const servers: OpenAITestServer[] = [];
const children: CliChild[] = [];
beforeAll(async () => {
  fixture = await writeRadFixture(4);
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
  await Promise.all(servers.map((s) => s.close()));
  await rm(fixture.dir, { recursive: true, force: true });
});

async function serve(fault: TestServerOptions['fault']): Promise<OpenAITestServer> {
  const server = await startOpenAITestServer({ models: [SERVED], keyOf: caseOf, fault });
  servers.push(server);
  return server;
}

function run(server: OpenAITestServer, out: string, extra: string[]): CliChild {
  const child = startCli(radRunArgs(fixture.dir, server.url, SERVED, out, extra));
  children.push(child);
  return child;
}

async function failedCodes(out: string): Promise<string[]> {
  const parsed = parseResultsJsonl(await readFile(out, 'utf8'), out);
  expect(parsed.problems).toEqual([]);
  return (parsed.runs[0]?.results ?? []).map((r) => r.error?.code ?? 'ok');
}

describe('run against hostile servers (a real CLI process)', () => {
  it('a server trickling one byte a second: --timeout 10 ends the process in under 30 s, every item failed', async () => {
    const server = await serve(() => ({ kind: 'trickle', intervalMs: 1_000 }));
    const out = join(fixture.dir, 'slowloris.jsonl');
    const cli = run(server, out, ['--timeout', '10', '--concurrency', '4']);
    const { code, ms } = await cli.exited;
    expect(code, cli.output()).toBe(1);
    expect(ms).toBeLessThan(30_000);
    expect(await failedCodes(out)).toEqual(Array(4).fill('backend/timeout'));
    expect(cli.output()).toContain('no complete answer within 10000 ms');
    // one attempt each: an answer that began and ran out of time is not asked for again
    for (const r of fixture.items) expect(server.requests.get(String(r.qid))).toBe(1);
  }, 60_000);

  it('50 MB answers at concurrency 2 keep the process under 300 MB and write nothing of them', async () => {
    const server = await serve(() => ({ kind: 'huge', bytes: 50 * 1024 * 1024 }));
    const out = join(fixture.dir, 'huge.jsonl');
    const cli = run(server, out, ['--concurrency', '2']);
    const { code } = await cli.exited;
    expect(code, cli.output()).toBe(1);
    expect(await failedCodes(out)).toEqual(Array(4).fill('backend/response-too-large'));
    const rss = cli.maxRssMiB();
    expect(rss, cli.output()).not.toBeNull();
    expect(rss).toBeLessThan(300);
    expect((await readFile(out)).byteLength).toBeLessThan(64 * 1024);
  }, 120_000);

  it('a gzip body inflating to 1 GB keeps the process under 300 MB', async () => {
    const server = await serve(() => ({ kind: 'gzip-bomb', inflatedBytes: 1024 * 1024 * 1024 }));
    const out = join(fixture.dir, 'bomb.jsonl');
    const cli = run(server, out, ['--concurrency', '2']);
    const { code } = await cli.exited;
    expect(code, cli.output()).toBe(1);
    expect(await failedCodes(out)).toEqual(Array(4).fill('backend/response-too-large'));
    const rss = cli.maxRssMiB();
    expect(rss, cli.output()).not.toBeNull();
    expect(rss).toBeLessThan(300);
  }, 180_000);
});
