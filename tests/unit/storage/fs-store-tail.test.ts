// Reopening a results file reads it line by line and repairs a torn tail by reading only the tail: a torn last line
// longer than one 64 KiB read block is still cut back to the last whole line, and a blank file counts as new.
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFsStore } from '../../../src/storage/fs';
import { contractManifest, contractResult } from '../../contracts/result-store.contract';

describe('fs store: reopening', () => {
  it('cuts a torn last line longer than the read block and resumes with every whole line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medvlm-fs-tail-'));
    const path = join(dir, 'results.jsonl');
    try {
      const first = createFsStore(path, { durable: false });
      await first.open(contractManifest());
      await first.put(contractResult('a', { output: 'x'.repeat(200_000) }));
      await first.put(contractResult('b'));
      await first.close();
      const whole = await readFile(path, 'utf8');
      // a kill mid-write of a 300 kB line: no newline in the last 300 kB
      await appendFile(path, `{"type":"result","id":"c","output":"${'y'.repeat(300_000)}`);
      const warnings: string[] = [];
      const again = createFsStore(path, { durable: false, onWarning: (w) => warnings.push(w) });
      const resumed = await again.open(contractManifest());
      expect(resumed.map((r) => r.id).sort()).toEqual(['a', 'b']);
      expect(resumed.find((r) => r.id === 'a')?.output.length).toBe(200_000);
      expect(await readFile(path, 'utf8')).toBe(whole);
      expect(warnings.join('\n')).toMatch(/bytes\)/);
      await again.put(contractResult('c'));
      expect((await again.results()).map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
      await again.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('treats a blank file as a new one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'medvlm-fs-tail-'));
    const path = join(dir, 'results.jsonl');
    try {
      await writeFile(path, '\n\n  \n');
      const store = createFsStore(path, { durable: false });
      expect(await store.open(contractManifest())).toEqual([]);
      await store.put(contractResult('a'));
      expect((await store.results()).map((r) => r.id)).toEqual(['a']);
      await store.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
