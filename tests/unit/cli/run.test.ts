import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/io';
import { parseResultsJsonl } from '../../../src/core/results';
import type { OpenAITestServer, TestServerOptions } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { RadFixture } from './run-fixture';
import { caseOf, scriptedAnswer, writeRadFixture } from './run-fixture';

function captureIO(env: Record<string, string> = {}): CliIO & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    env,
    cwd: process.cwd(),
    isTTY: false,
  };
}

let fixture: RadFixture;
const servers: OpenAITestServer[] = [];
beforeAll(async () => {
  fixture = await writeRadFixture(24);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await rm(fixture.dir, { recursive: true, force: true });
});

async function serve(options: TestServerOptions = {}): Promise<OpenAITestServer> {
  const byQid = new Map(fixture.items.map((r) => [String(r.qid), r]));
  const server = await startOpenAITestServer({
    models: ['Qwen/Qwen2.5-VL-72B-Instruct'],
    keyOf: caseOf,
    respond: (r) => {
      const rec = byQid.get(r.key);
      return rec === undefined
        ? 'unknown'
        : `Looking at the film. \\boxed{${scriptedAnswer(rec) === 'yes' ? 'A' : 'B'}}`;
    },
    ...options,
  });
  servers.push(server);
  return server;
}

const expectedCorrect = (): number =>
  fixture.items.filter((r) => scriptedAnswer(r) === (r.answer.toLowerCase() === 'yes' ? 'yes' : 'no')).length;
const runArgs = (server: OpenAITestServer, out: string, extra: string[] = []) => [
  'run',
  '--benchmark',
  'vqa-rad',
  '--data',
  fixture.dir,
  '--endpoint',
  server.url,
  '--model',
  'Qwen/Qwen2.5-VL-72B-Instruct',
  '--out',
  out,
  '--concurrency',
  '6',
  '--retries',
  '4',
  ...extra,
];

describe('medvlm-bench run', () => {
  it('runs every item through faults, prints the summary, writes a file `tables` reads; a rerun resumes with no requests', async () => {
    const server = await serve({
      fault: (r) =>
        r.attempt === 1 && Number(r.key) % 4 === 0
          ? { kind: 'status', status: 503 }
          : r.attempt === 1 && Number(r.key) % 7 === 0
            ? { kind: 'reset-mid-body' }
            : undefined,
    });
    const out = join(fixture.dir, 'ok.jsonl');
    const io = captureIO();
    expect(await main(runArgs(server, out), io)).toBe(0);
    const stdout = io.out.join('');
    const n = fixture.items.length;
    expect(stdout).toContain(`n ${n}  correct ${expectedCorrect()}  accuracy ${(expectedCorrect() / n).toFixed(4)}`);
    expect(stdout).toContain('qwen2.5-vl-72b');
    const stderr = io.err.join('');
    expect(stderr).toMatch(/items\/s .* tok\/s .*ETA .*failed 0/);
    expect(stderr).toContain("serves 'Qwen/Qwen2.5-VL-72B-Instruct'");
    const parsed = parseResultsJsonl(await readFile(out, 'utf8'), out);
    expect(parsed.problems).toEqual([]);
    expect(parsed.runs[0]?.manifest).toMatchObject({
      model: 'qwen2.5-vl-72b',
      backend: 'openai',
      backendModel: 'Qwen/Qwen2.5-VL-72B-Instruct',
      endpoints: [server.url],
    });
    expect(parsed.runs[0]?.results).toHaveLength(n);
    for (const r of fixture.items) expect(server.answered.get(String(r.qid))).toBe(1);

    const tables = captureIO();
    expect(await main(['tables', out], tables)).toBe(0);
    expect(tables.out.join('')).toMatch(/Qwen2\.5-VL-72B|qwen2\.5-vl-72b/i);

    const before = server.total();
    const again = captureIO();
    expect(await main(runArgs(server, out), again)).toBe(0);
    expect(server.total()).toBe(before);
    expect(again.out.join('')).toContain(`0 generated, ${n} resumed`);
  });

  it('exits 1 and lists items that failed permanently with the server message; a rerun retries only them', async () => {
    const failing = new Set([String(fixture.items[2]?.qid), String(fixture.items[5]?.qid)]);
    let broken = true;
    const server = await serve({
      fault: (r) =>
        broken && failing.has(r.key)
          ? { kind: 'status', status: 400, body: "This model's maximum context length is 4096 tokens." }
          : undefined,
    });
    const out = join(fixture.dir, 'fail.jsonl');
    const io = captureIO();
    expect(await main(runArgs(server, out), io)).toBe(1);
    const stdout = io.out.join('');
    expect(stdout).toContain('failed 2');
    for (const id of failing)
      expect(stdout).toMatch(new RegExp(`  ${id}  backend/context-too-long  .*maximum context length is 4096`));
    broken = false;
    server.resetCounters();
    expect(await main(runArgs(server, out), captureIO())).toBe(0);
    expect(new Set(server.requests.keys())).toEqual(failing);
  });

  it('keeps the API key out of output, results and manifest, and sends it only to the endpoint', async () => {
    const key = 'sk-secret-4d2e9a7f1b';
    const server = await serve({ apiKey: key });
    const out = join(fixture.dir, 'key.jsonl');
    const io = captureIO({ MY_VLLM_KEY: key });
    expect(await main(runArgs(server, out, ['--api-key-env', 'MY_VLLM_KEY', '--limit', '5']), io)).toBe(0);
    expect([...server.authorizations]).toEqual([`Bearer ${key}`]);
    const file = await readFile(out, 'utf8');
    expect(file).not.toContain(key);
    expect(io.out.join('') + io.err.join('')).not.toContain(key);
    // a wrong key: the server echoes it back, and still nothing shows it
    const wrong = captureIO({ MY_VLLM_KEY: 'sk-wrong-77aa66bb55' });
    expect(await main(runArgs(server, join(fixture.dir, 'key2.jsonl'), ['--api-key-env', 'MY_VLLM_KEY']), wrong)).toBe(
      2,
    );
    const shown = wrong.out.join('') + wrong.err.join('');
    expect(shown).toContain('refused the API key');
    expect(shown).not.toContain('sk-wrong-77aa66bb55');
  });

  it('exits 2 on bad arguments and endpoint setup errors, 1 when no endpoint answers', async () => {
    const server = await serve();
    const out = join(fixture.dir, 'bad.jsonl');
    const code = async (args: string[], env: Record<string, string> = {}): Promise<[number, string]> => {
      const io = captureIO(env);
      const rc = await main(args, io);
      return [rc, io.err.join('')];
    };
    expect(
      (
        await code(['run', '--benchmark', 'vqa-rad', '--data', fixture.dir, '--endpoint', server.url, '--model', 'x'])
      )[0],
    ).toBe(2);
    expect((await code(runArgs(server, out, ['--concurrency', '0'])))[1]).toContain(
      '--concurrency must be a whole number',
    );
    expect((await code(runArgs(server, out, ['--concurrency', 'lots'])))[0]).toBe(2);
    const [rcBench, errBench] = await code([...runArgs(server, out).map((a) => (a === 'vqa-rad' ? 'vqarad' : a))]);
    expect(rcBench).toBe(2);
    expect(errBench.toLowerCase()).toContain("did you mean 'vqa-rad'");
    expect((await code(runArgs(server, out, ['--api-key-env', 'NOT_SET_ANYWHERE'])))[1]).toContain('NOT_SET_ANYWHERE');
    expect((await code(runArgs(server, out, ['--bogus'])))[0]).toBe(2);
    const [rcModel, errModel] = await code(
      runArgs(server, out).map((a) => (a === 'Qwen/Qwen2.5-VL-72B-Instruct' ? 'Qwen/Qwen2.5-VL-72B-Instruc' : a)),
    );
    expect(rcModel).toBe(2);
    expect(errModel).toContain("did you mean 'Qwen/Qwen2.5-VL-72B-Instruct'");
    const dead = await startOpenAITestServer();
    const deadUrl = dead.url;
    await dead.close();
    const [rcDead, errDead] = await code(runArgs(server, out).map((a) => (a === server.url ? deadUrl : a)));
    expect(rcDead).toBe(1);
    expect(errDead).toContain('Cannot reach');
    expect(server.total()).toBe(0);
  });

  it('refuses to resume a file from a different run', async () => {
    const server = await serve();
    const out = join(fixture.dir, 'mixed.jsonl');
    expect(await main(runArgs(server, out, ['--limit', '3']), captureIO())).toBe(0);
    const io = captureIO();
    expect(await main(runArgs(server, out, ['--limit', '3', '--max-new-tokens', '512']), io)).toBe(2);
    expect(io.err.join('')).toContain('max new tokens: stored 2048, now 512');
  });
});
