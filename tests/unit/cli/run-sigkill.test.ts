// The real CLI (node bin/medvlm-bench.mjs) killed with SIGKILL mid-run, then rerun with the same --out:
// the rerun must request exactly the items without a stored result, once each, and end with one line per item.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResultsJsonl } from '../../../src/core/results';
import { REPO_ROOT } from '../../support/shared-datasets';
import type { OpenAITestServer } from '../../support/openai-test-server';
import { startOpenAITestServer } from '../../support/openai-test-server';
import type { RadFixture } from './run-fixture';
import { caseOf, scriptedAnswer, writeRadFixture } from './run-fixture';

let fixture: RadFixture;
let server: OpenAITestServer;
const children: ChildProcess[] = [];
beforeAll(async () => {
  fixture = await writeRadFixture(40);
  const byQid = new Map(fixture.items.map((r) => [String(r.qid), r]));
  server = await startOpenAITestServer({
    models: ['lingshu-32b'],
    keyOf: caseOf,
    latencyMs: 60,
    respond: (r) => {
      const rec = byQid.get(r.key);
      return `Answer: \\boxed{${rec !== undefined && scriptedAnswer(rec) === 'yes' ? 'A' : 'B'}}`;
    },
  });
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await server.close();
  await rm(fixture.dir, { recursive: true, force: true });
});

function startCli(out: string) {
  const args = [
    'bin/medvlm-bench.mjs',
    'run',
    '--benchmark',
    'vqa-rad',
    '--data',
    fixture.dir,
    '--endpoint',
    server.url,
    '--model',
    'lingshu-32b',
    '--concurrency',
    '4',
    '--out',
    out,
  ];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Ids of the complete result lines (a torn last line does not count). */
async function storedIds(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch(() => '');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { type: string; id?: string })
    .filter((l) => l.type === 'result')
    .map((l) => String(l.id));
}

describe('run: SIGKILL mid-way, then resume', () => {
  it('the rerun finishes exactly the remaining items', async () => {
    const out = join(fixture.dir, 'killed.jsonl');
    const first = startCli(out);
    children.push(first.child);
    const deadline = Date.now() + 45_000;
    while ((await storedIds(out)).length < 12) {
      if (Date.now() > deadline) throw new Error(`the CLI stored too few results in time:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const afterKill = await storedIds(out);
    const all = fixture.items.map((r) => String(r.qid));
    expect(afterKill.length).toBeGreaterThanOrEqual(12);
    expect(afterKill.length).toBeLessThan(all.length);
    expect(new Set(afterKill).size).toBe(afterKill.length);
    const firstRequests = new Map(server.requests);

    server.resetCounters();
    const second = startCli(out);
    children.push(second.child);
    const code = await second.exited;
    expect(code, second.output()).toBe(0);

    const remaining = all.filter((id) => !afterKill.includes(id)).sort();
    expect([...server.requests.keys()].sort()).toEqual(remaining);
    expect([...server.requests.values()].every((n) => n === 1)).toBe(true);
    // over both runs: a stored item was asked for exactly once
    for (const id of afterKill) expect((firstRequests.get(id) ?? 0) + (server.requests.get(id) ?? 0)).toBe(1);

    const text = await readFile(out, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(1 + all.length);
    const ids = lines.slice(1).map((l) => String((JSON.parse(l) as { id: string }).id));
    expect(ids.sort()).toEqual([...all].sort());
    const parsed = parseResultsJsonl(text, out);
    expect(parsed.problems).toEqual([]);
    const correct = parsed.runs[0]?.results.filter((r) => r.correct).length;
    expect(correct).toBe(
      fixture.items.filter((r) => scriptedAnswer(r) === (r.answer.toLowerCase() === 'yes' ? 'yes' : 'no')).length,
    );
  }, 90_000);
});
