// The app's load (detect → preselect → load → wrong-data message), on the bundled demo slices in memory and on
// folders that fit no benchmark; progress counts files listed and bytes read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Detection } from '../../../../src/core/benchmarks/detect';
import { APP_ADVICE, CLI_ADVICE } from '../../../../src/core/benchmarks/detect-source';
import { countingSource, loadDetected, type DatasetLoadProgress } from '../../../../src/core/benchmarks/load-detected';
import { isEvalError } from '../../../../src/core/errors';
import { createMemorySource } from '../../../../src/data/memory';

function slice(id: string, prefix = ''): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (dir: string, at: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${at}${name}/`);
      else out[`${prefix}${at}${name}`] = new Uint8Array(readFileSync(full));
    }
  };
  walk(join(import.meta.dirname, '../../../../static-datasets', id), '');
  return out;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
  }
  throw new Error('expected a rejection');
}

describe('loadDetected', () => {
  it.each([
    ['vqa-rad', 'yesno', 21],
    ['slake', 'closed', 18],
    ['pathvqa', 'yesno', undefined],
  ] as const)('recognises %s, loads its default variant %s', async (id, variant, kept) => {
    const seen: DatasetLoadProgress[] = [];
    const got = await loadDetected(createMemorySource(slice(id)), {}, (p) => seen.push(p));
    expect(got.benchmark).toBe(id);
    expect(got.variant).toBe(variant);
    if (kept !== undefined) expect(got.result.report.kept).toBe(kept);
    expect(got.result.report.expected).toBeDefined();
    expect(seen.map((p) => p.phase)).toContain('listing');
    expect(seen.at(-1)).toMatchObject({ phase: 'done', items: got.result.report.kept });
  });

  it('names what the data looks like when the chosen benchmark does not fit', async () => {
    const e = await rejection(loadDetected(createMemorySource(slice('slake')), { benchmark: 'vqa-rad' }));
    expect(isEvalError(e) && e.code).toBe('dataset/wrong-benchmark');
    expect(e.message).toMatch(/this looks like SLAKE: test\.json \+ imgs\//);
    // the app's words: what to choose in the Benchmarks page's pickers, never the CLI's flags
    expect(e.message).toContain('choose SLAKE in the pickers (or "recognise from the files"), then load it again');
    expect(e.message).not.toMatch(/--benchmark|--variant|pass /);
  });

  it('advises the variant the files fit, and the bundle, in the pickers (the CLI keeps its flags)', () => {
    const d = (id: Detection['id'], variant?: string): Detection => ({
      id,
      ...(variant !== undefined ? { variant } : {}),
      folder: '',
      evidence: [],
      description: id,
    });
    expect(APP_ADVICE(d('pmc-vqa', 'test_2'))).toBe(
      'choose PMC-VQA and the variant "test_2" in the pickers (or "recognise from the files"), then load it again',
    );
    expect(APP_ADVICE(d('mcq-bundle'))).toMatch(/variant "bundle" in the pickers/);
    expect(CLI_ADVICE(d('pmc-vqa', 'test_2'))).toBe('pass --benchmark pmc-vqa --variant test_2');
  });

  it('says what the folder holds when no benchmark is recognised', async () => {
    const e = await rejection(loadDetected(createMemorySource({ 'notes.txt': 'hello', 'a/b.png': 'x' }), {}));
    expect(isEvalError(e)).toBe(true);
    expect(e.message).toMatch(/No benchmark recognised/);
  });

  it('counts files listed and bytes read', async () => {
    const counts = { files: 0, bytes: 0 };
    const source = countingSource(createMemorySource({ 'a.json': '[1,2]', 'b.bin': new Uint8Array(10) }), counts);
    await source.list();
    await source.readText('a.json');
    await source.readRange('b.bin', 2, 6);
    expect(counts).toEqual({ files: 2, bytes: 9 });
  });

  it('lists the source once per load: detection and the adapter share one listing', async () => {
    const inner = createMemorySource(slice('vqa-rad'));
    let lists = 0;
    const source = { ...inner, list: () => (lists++, inner.list()) };
    const got = await loadDetected(source, {});
    expect(got.benchmark).toBe('vqa-rad');
    expect(got.result.report.kept).toBeGreaterThan(0);
    expect(lists).toBe(1);
  });

  it('passes willRead through to the source, and lists again after a failed listing', async () => {
    const seen: (readonly string[])[] = [];
    let fail = true;
    const inner = createMemorySource({ 'a.json': '[]' });
    const counted = countingSource(
      {
        ...inner,
        list: async () => {
          if (fail) throw new Error('offline');
          return inner.list();
        },
        willRead: (paths) => void seen.push(paths),
      },
      { files: 0, bytes: 0 },
    );
    counted.willRead?.(['a.json']);
    expect(seen).toEqual([['a.json']]);
    await expect(counted.list()).rejects.toThrow('offline');
    fail = false;
    expect(await counted.list()).toEqual(['a.json']);
  });
});
