// `run` against servers that answer badly (issue 13): a 200 that is no chat completion fails its item after one
// retry (a 4-item run ends in seconds, exit 1, four failed results); items in a row failing the same way stop the run
// with one line naming the cause; an output longer than a result keeps is stored cut, status `truncated`, with its
// length; --max-response-bytes caps an answer.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseResultsJsonl } from '../../../src/core/results';
import { storedOutputCap } from '../../../src/core/run';
import type { ItemResult } from '../../../src/core/types';
import { captureIO } from '../../support/cli-io';
import type { OpenAITestServer, TestServerOptions } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { RadFixture } from './run-fixture';
import { caseOf, writeRadFixture } from './run-fixture';
import { radRunArgs } from './cli-child';

const SERVED = 'lingshu-32b';
let small: RadFixture;
let larger: RadFixture;
const servers: OpenAITestServer[] = [];
beforeAll(async () => {
  small = await writeRadFixture(4);
  larger = await writeRadFixture(20);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(small.dir, { recursive: true, force: true });
  await rm(larger.dir, { recursive: true, force: true });
});

async function serve(options: TestServerOptions): Promise<OpenAITestServer> {
  const server = await startOpenAITestServer({ models: [SERVED], keyOf: caseOf, ...options });
  servers.push(server);
  return server;
}
const args = (fixture: RadFixture, server: OpenAITestServer, out: string, extra: string[] = []): string[] =>
  radRunArgs(fixture.dir, server.url, SERVED, out, extra);
async function stored(out: string): Promise<ItemResult[]> {
  const parsed = parseResultsJsonl(await readFile(out, 'utf8'), out);
  expect(parsed.problems).toEqual([]);
  return parsed.runs[0]?.results ?? [];
}

describe('run: retry only what can succeed', () => {
  it('a server that always answers null: a 4-item run ends in under 30 s, exit 1, four failed results', async () => {
    const server = await serve({ fault: () => ({ kind: 'raw', body: 'null' }) });
    const out = join(small.dir, 'null.jsonl');
    const io = captureIO(process.cwd());
    const started = performance.now();
    expect(await main(args(small, server, out), io)).toBe(1);
    expect(performance.now() - started).toBeLessThan(30_000);
    const results = await stored(out);
    expect(results).toHaveLength(4);
    expect(results.map((r) => r.error?.code)).toEqual(Array(4).fill('backend/bad-response'));
    // one retry each, whatever --retries says (default 6)
    for (const r of small.items) expect(server.requests.get(String(r.qid))).toBe(2);
    expect(io.out()).toContain('failed 4');
  });

  it('stops early, with one line naming the cause, when items in a row all fail the same way', async () => {
    const server = await serve({ fault: () => ({ kind: 'raw', body: '<html>proxy login</html>' }) });
    const out = join(larger.dir, 'html.jsonl');
    const io = captureIO(process.cwd());
    expect(await main(args(larger, server, out, ['--concurrency', '1']), io)).toBe(1);
    const stops = io
      .err()
      .split('\n')
      .filter((l) => l.includes('stopped early'));
    expect(stops).toHaveLength(1);
    expect(stops[0]).toContain('8 items in a row failed the same way (backend/bad-response)');
    expect(stops[0]).toContain('<html>proxy login</html>');
    // 8 items asked (twice each), the other 12 never
    expect(server.total()).toBe(16);
    expect(server.requests.size).toBe(8);
    expect((await stored(out)).every((r) => r.error?.code === 'backend/bad-response')).toBe(true);
  });
});

describe('run: bounded responses', () => {
  it('stores an output longer than max new tokens can explain cut, with status truncated and its length', async () => {
    const server = await serve({ fault: () => ({ kind: 'huge', bytes: 100_000 }) });
    const out = join(small.dir, 'long.jsonl');
    expect(await main(args(small, server, out, ['--max-new-tokens', '16']), captureIO(process.cwd()))).toBe(0);
    const results = await stored(out);
    expect(results).toHaveLength(4);
    for (const r of results) {
      expect(r).toMatchObject({
        status: 'truncated',
        truncated: true,
        correct: false,
        letter: null,
        outputLength: 100_000,
      });
      expect(r.output).toHaveLength(storedOutputCap(16));
    }
    expect(storedOutputCap(16)).toBe(16 * 1024 + 32 * 16);
  });

  it('--max-response-bytes caps one answer (exit 1, the cap named), and must be a whole number', async () => {
    const server = await serve({ fault: () => ({ kind: 'huge', bytes: 100_000 }) });
    const out = join(small.dir, 'capped.jsonl');
    const io = captureIO(process.cwd());
    expect(await main(args(small, server, out, ['--max-response-bytes', '50000']), io)).toBe(1);
    expect((await stored(out)).map((r) => r.error?.code)).toEqual(Array(4).fill('backend/response-too-large'));
    expect(io.out()).toContain('more than 50000 bytes');
    for (const r of small.items) expect(server.requests.get(String(r.qid))).toBe(1);
    const bad = captureIO(process.cwd());
    expect(await main(args(small, server, join(small.dir, 'x.jsonl'), ['--max-response-bytes', 'lots']), bad)).toBe(2);
    expect(bad.err()).toContain('--max-response-bytes must be a whole number');
  });

  it('refuses a redirect at once: exit 1, where it pointed named, one request per item', async () => {
    const server = await serve({ fault: () => ({ kind: 'redirect', location: 'https://login.example.org/' }) });
    const out = join(small.dir, 'redirect.jsonl');
    const io = captureIO(process.cwd());
    expect(await main(args(small, server, out), io)).toBe(1);
    expect((await stored(out)).map((r) => r.error?.code)).toEqual(Array(4).fill('backend/redirect'));
    expect(io.out()).toContain('redirected the request to https://login.example.org/');
    expect(server.total()).toBe(4);
  });
});
