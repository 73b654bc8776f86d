// `tables` and `compare` stream results files, print capped problem lists, recount `correct` from letter and gold,
// tell a file too large apart from a wrong path, and `tables --format csv` without --table writes every table.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readUserFile } from '../../../src/cli/files';
import { main } from '../../../src/cli/main';
import { isEvalError } from '../../../src/core/errors';
import { MAX_LINE_CHARS, serializeManifest, serializeResult } from '../../../src/core/results';
import { CSV_HEADER, TABLE_KINDS } from '../../../src/core/tables';
import { captureIO } from '../../support/cli-io';
import { manifest, result } from '../core/results/make-results';

const M = serializeManifest(manifest({ model: 'qwen2.5-vl-7b' }));
const r = (id: string, over = {}): string => serializeResult(result(id, { model: 'qwen2.5-vl-7b', ...over }));

function tmpDir(): string {
  return mkdtempSync(join(tmpdir(), 'medvlm-read-results-'));
}

async function run(cwd: string, ...argv: string[]) {
  const io = captureIO(cwd);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('tables on damaged and large files', () => {
  it('prints the first 20 of 100,000 bad lines, then how many more — not 100,000 lines', async () => {
    const dir = tmpDir();
    writeFileSync(join(dir, 'bad.jsonl'), M + r('1') + '{broken\n'.repeat(100_000) + r('2'));
    const t = await run(dir, 'tables', 'bad.jsonl', '--table', '1', '--format', 'json');
    expect(t.code).toBe(0);
    const lines = t.err.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(25);
    expect(lines[0]).toMatch(/^bad\.jsonl:3: invalid JSON/);
    expect(t.err).toContain('bad.jsonl: … and 99980 more (first 20 shown)');
    expect(t.err).toContain('100000 problem line(s) skipped');
    const cell = (JSON.parse(t.out) as { table: { groups: { rows: { cells: Record<string, { n: number }> }[] }[] } })
      .table.groups[0]?.rows[0]?.cells['vqa-rad'];
    expect(cell?.n).toBe(2);
  });

  it('recounts a line claiming correct with the wrong letter, and says so', async () => {
    const dir = tmpDir();
    writeFileSync(
      join(dir, 'liar.jsonl'),
      M + r('1') + r('2', { letter: 'A', gold: 'B', correct: true }) + r('3', { completionTokens: 1e308 }),
    );
    const t = await run(dir, 'tables', 'liar.jsonl', '--table', '1', '--format', 'json');
    expect(t.code).toBe(0);
    expect(t.err).toContain('liar.jsonl: 1 result line(s) claim a "correct" their letter and gold contradict');
    expect(t.err).toContain('liar.jsonl:3: item 2 says correct: true but letter A vs gold B — counted wrong');
    expect(t.err).toContain('liar.jsonl:4: item 3: implausible completionTokens 1e+308');
    const cell = (
      JSON.parse(t.out) as {
        table: { groups: { rows: { cells: Record<string, { correct: number; n: number }> }[] }[] };
      }
    ).table.groups[0]?.rows[0]?.cells['vqa-rad'];
    expect([cell?.correct, cell?.n]).toEqual([2, 3]);
    expect(t.out).not.toMatch(/Infinity/);
  });

  it('tells a wrong path, a directory and an overlong line apart', async () => {
    const dir = tmpDir();
    const missing = await run(dir, 'tables', 'nope.jsonl');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("cannot read results file 'nope.jsonl' (file not found); check the path.");
    const folder = await run(dir, 'tables', '.');
    expect(folder.err).toContain('(is a directory)');
    // A sparse file: one line of NULs longer than a line may be, read piece by piece (no disk, no big string).
    const huge = join(dir, 'huge.jsonl');
    writeFileSync(huge, M);
    truncateSync(huge, M.length + MAX_LINE_CHARS + 1024);
    const big = await run(dir, 'tables', 'huge.jsonl', '--paper');
    expect(big.err).not.toContain('check the path');
    expect(big.err).toMatch(/huge\.jsonl:2: line of 64\.0 M characters is longer than the 64\.0 M characters/);
    expect(big.code).toBe(0);
  });

  it('a whole-file read of a file over 2 GiB names it too large, not a wrong path', async () => {
    const dir = tmpDir();
    const sparse = join(dir, 'big.txt');
    writeFileSync(sparse, '');
    truncateSync(sparse, 2 ** 31 + 1);
    const err = await readUserFile(captureIO(dir), 'big.txt', 'data file').catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('config/file-too-large');
    expect(String((err as Error).message)).toContain("data file 'big.txt' is too large to read at once");
  });
});

describe('tables --format csv', () => {
  it('writes all three tables without --table, under one header', async () => {
    const dir = tmpDir();
    const tagged = [
      r('1', { tag: 'reasoning', tagSource: 'gold' }),
      r('2', { tag: 'understanding', tagSource: 'gold' }),
    ];
    writeFileSync(join(dir, 'a.jsonl'), M + tagged.join(''));
    const t = await run(dir, 'tables', 'a.jsonl', '--format', 'csv');
    expect(t.code).toBe(0);
    const rows = Papa.parse<string[]>(t.out.replace(/\r\n$/, ''), { newline: '\r\n' }).data;
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows.filter((x) => x[0] === 'table')).toHaveLength(1);
    const measured = rows.filter((x) => x[4] === 'measured');
    expect(measured.map((x) => x[0])).toEqual(TABLE_KINDS.map(String));
    const one = await run(dir, 'tables', 'a.jsonl', '--format', 'csv', '--table', '2');
    expect(
      new Set(
        Papa.parse<string[]>(one.out.trim(), { newline: '\r\n' })
          .data.slice(1)
          .map((x) => x[0]),
      ),
    ).toEqual(new Set(['2']));
  });
});

describe('compare on a damaged file', () => {
  it('shows 20 problems and a count, and pairs on the recounted correctness', async () => {
    const dir = tmpDir();
    const mb = serializeManifest(manifest({ model: 'lingshu-7b' }));
    const rb = (id: string, over = {}): string => serializeResult(result(id, { model: 'lingshu-7b', ...over }));
    writeFileSync(join(dir, 'a.jsonl'), M + r('1') + r('2') + '[]\n'.repeat(50));
    writeFileSync(join(dir, 'b.jsonl'), mb + rb('1') + rb('2', { letter: 'B', correct: true }));
    const c = await run(dir, 'compare', 'a.jsonl', 'b.jsonl', '--json');
    expect(c.code).toBe(0);
    expect(c.err.split('\n').filter((l) => l.startsWith('a.jsonl:'))).toHaveLength(21);
    expect(c.err).toContain('a.jsonl: … and 30 more (first 20 shown)');
    expect(c.err).toContain('b.jsonl:3: item 2 says correct: true but letter B vs gold A — counted wrong');
    const j = JSON.parse(c.out) as { a_correct: number; b_correct: number; only_a: number };
    expect([j.a_correct, j.b_correct, j.only_a]).toEqual([2, 1, 1]);
  });
});
