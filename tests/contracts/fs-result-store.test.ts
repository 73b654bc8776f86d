import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResultsJsonl, serializeManifest, serializeResult } from '../../src/core/results';
import { runIdentityOf, runIdentityText } from '../../src/core/run';
import type { RunManifest } from '../../src/core/types';
import { createFsStore } from '../../src/storage/fs';
import { contractManifest, contractResult, describeResultStoreContract } from './result-store.contract';

async function tempFile(): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'medvlm-fs-store-'));
  return { path: join(dir, 'runs', 'results.jsonl'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}

describeResultStoreContract('fs (JSONL file)', async () => {
  const { path, cleanup } = await tempFile();
  // a file holds one run: the caller names a file per run (the CLI's --out), here one per run identity
  const files = new Map<string, string>([[runIdentityText(runIdentityOf(contractManifest())), path]]);
  const fileFor = (m: RunManifest): string => {
    const key = runIdentityText(runIdentityOf(m));
    const found = files.get(key) ?? join(dirname(path), `other-${files.size}.jsonl`);
    files.set(key, found);
    return found;
  };
  return {
    open: () => createFsStore(path),
    openFor: (m) => createFsStore(fileFor(m)),
    readStorage: async () =>
      (parseResultsJsonl(await readFile(path, 'utf8'), path).runs.at(-1)?.results ?? []).map((r) => r.id),
    cleanup,
  };
});

describe('fs store: file format and crash safety', () => {
  it('writes exactly the results format: manifest line, then one line per put', async () => {
    const { path, cleanup } = await tempFile();
    try {
      const store = createFsStore(path);
      await store.open(contractManifest());
      await store.put(contractResult('a'));
      await store.put(contractResult('b'));
      await store.close();
      const text = await readFile(path, 'utf8');
      expect(text).toBe(
        serializeManifest(contractManifest()) +
          serializeResult(contractResult('a')) +
          serializeResult(contractResult('b')),
      );
      const parsed = parseResultsJsonl(text, path);
      expect(parsed.problems).toEqual([]);
      expect(parsed.runs).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('drops a torn last line on reopen and never lets it corrupt later lines', async () => {
    const { path, cleanup } = await tempFile();
    try {
      const whole =
        serializeManifest(contractManifest()) +
        serializeResult(contractResult('a')) +
        serializeResult(contractResult('b'));
      const torn = serializeResult(contractResult('c')).slice(0, 57);
      await (async () => {
        const s = createFsStore(path);
        await s.open(contractManifest());
        await s.close();
      })();
      await writeFile(path, whole + torn);
      const warnings: string[] = [];
      const store = createFsStore(path, { onWarning: (w) => warnings.push(w) });
      const resumed = await store.open(contractManifest());
      expect(resumed.map((r) => r.id).sort()).toEqual(['a', 'b']);
      expect(warnings.join('\n')).toContain('torn last line');
      expect(await readFile(path, 'utf8')).toBe(whole);
      await store.put(contractResult('c'));
      await store.close();
      const parsed = parseResultsJsonl(await readFile(path, 'utf8'), path);
      expect(parsed.problems).toEqual([]);
      expect(parsed.runs[0]?.results.map((r) => r.id).sort()).toEqual(['a', 'b', 'c']);
    } finally {
      await cleanup();
    }
  });

  it('starts over when even the manifest line was torn', async () => {
    const { path, cleanup } = await tempFile();
    try {
      const s0 = createFsStore(path);
      await s0.open(contractManifest());
      await s0.close();
      await writeFile(path, serializeManifest(contractManifest()).slice(0, 40));
      const store = createFsStore(path);
      expect(await store.open(contractManifest())).toEqual([]);
      await store.close();
      expect(await readFile(path, 'utf8')).toBe(serializeManifest(contractManifest()));
    } finally {
      await cleanup();
    }
  });

  it("keeps one run per file: another dataset's run is refused, saying what differs and to choose another file", async () => {
    const { path, cleanup } = await tempFile();
    try {
      const demo = createFsStore(path);
      await demo.open(contractManifest());
      await demo.put(contractResult('a'));
      await demo.close();
      const full = createFsStore(path);
      const error = await full.open(contractManifest({ dataHash: 'f'.repeat(64) })).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'store/incompatible' });
      expect(String((error as Error).message)).toMatch(/data hash: stored "d+", now "f+" \(other data: a demo slice/);
      expect(String((error as Error).message)).toMatch(/Choose another output file/);
      // the demo slice's results are untouched
      const again = createFsStore(path);
      expect((await again.open(contractManifest())).map((r) => r.id)).toEqual(['a']);
      await again.close();
    } finally {
      await cleanup();
    }
  });

  it('refuses a file that is not a results file, and a file another live run holds', async () => {
    const { path, cleanup } = await tempFile();
    try {
      const s0 = createFsStore(path);
      await s0.open(contractManifest());
      const second = createFsStore(path);
      await expect(second.open(contractManifest())).rejects.toMatchObject({ code: 'store/locked' });
      await s0.close();
      // a lock left by a killed process (no such pid) is stale and taken over
      await writeFile(`${path}.lock`, '999999999\n');
      const third = createFsStore(path);
      expect(await third.open(contractManifest())).toEqual([]);
      await third.close();
      await writeFile(path, '{"id": 1, "output": "x"}\n');
      await expect(createFsStore(path).open(contractManifest())).rejects.toMatchObject({ code: 'store/unreadable' });
    } finally {
      await cleanup();
    }
  });
});
