// The datasets state in Node: loads from URLs (memory sources standing in for the worker's sources), detection
// preselecting the benchmark, the wrong-benchmark message, remembered URLs reloaded on start, no double loads.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import {
  Datasets,
  REMEMBERED_URLS_KEY,
  type DatasetsDeps,
  type FolderStore,
  type StoredFolder,
} from '../../../../src/app/state/dataset-loads.svelte';
import type { DirectoryHandleLike } from '../../../../src/data/browser-files';
import { loadDetected } from '../../../../src/core/benchmarks/load-detected';
import type { DatasetSource } from '../../../../src/core/ports';
import { createMemorySource } from '../../../../src/data/memory';
import type { SourceSpec } from '../../../../src/data/source-spec';

/** A demo slice's files in memory (what a zip or a folder would hold). */
function sliceFiles(id: string): Record<string, Uint8Array> {
  const root = join(import.meta.dirname, '../../../../static-datasets', id);
  const out: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else if (name !== 'manifest.json') out[`${prefix}${name}`] = new Uint8Array(readFileSync(full));
    }
  };
  walk(root, '');
  return out;
}

const HOSTED: Record<string, Record<string, Uint8Array>> = {
  'https://data.example/vqa-rad.zip': sliceFiles('vqa-rad'),
  'https://data.example/slake.zip': sliceFiles('slake'),
};

function sourceOf(spec: SourceSpec): DatasetSource {
  // A picked folder stands in as its name: the handle's files are the slice of that name.
  const url =
    spec.kind === 'url' ? spec.url : spec.kind === 'directory' ? `https://data.example/${spec.handle.name}.zip` : '';
  const files = HOSTED[url];
  if (files === undefined) throw new Error(`404 ${url}`);
  return createMemorySource(files, url);
}

const handle = (name: string): DirectoryHandleLike => ({
  kind: 'directory',
  name,
  values: async function* () {},
});

function memoryFolders(): FolderStore & { rows: Map<string, StoredFolder> } {
  const rows = new Map<string, StoredFolder>();
  return {
    rows,
    list: async () => [...rows.values()],
    put: async (f) => void rows.set(f.id, f),
    remove: async (id) => void rows.delete(id),
  };
}

function make(initial: Record<string, unknown> = {}, over: Partial<DatasetsDeps> = {}) {
  const kv = createMemoryKeyValue(initial);
  const loads: string[] = [];
  const datasets = new Datasets({
    kv,
    open: sourceOf,
    load: async (spec, choice, onProgress) => {
      loads.push(spec.kind === 'url' ? spec.url : spec.kind);
      return loadDetected(sourceOf(spec), choice, onProgress);
    },
    ...over,
  });
  return { datasets, kv, loads };
}

describe('Datasets', () => {
  it('loads a URL, detecting the benchmark and its default variant, with progress and the protocol count', async () => {
    const { datasets } = make();
    const d = await datasets.loadUrl('https://data.example/vqa-rad.zip');
    expect(d.status).toBe('ready');
    expect(d.benchmark).toBe('vqa-rad');
    expect(d.variant).toBe('yesno');
    expect(d.title).toBe('VQA-RAD');
    expect(d.report?.kept).toBe(21);
    expect(d.report?.expected?.count).toBe(251);
    expect(d.progress).toMatchObject({ phase: 'done', items: 21 });
    expect(d.progress?.bytes).toBeGreaterThan(0);
    expect(d.origin).toBe('https://data.example/vqa-rad.zip');
    expect(datasets.list).toHaveLength(1);
  });

  it('says what the data looks like when it does not fit the chosen benchmark (never 0 items)', async () => {
    const { datasets } = make();
    const d = await datasets.loadUrl('https://data.example/slake.zip', { benchmark: 'vqa-rad' });
    expect(d.status).toBe('error');
    expect(d.report).toBeNull();
    expect(d.error).toMatch(/this looks like SLAKE: test\.json \+ imgs\//);
    expect(d.error).toMatch(/dataset\/wrong-benchmark/);
    const again = await datasets.retry(d.key, { benchmark: 'slake' });
    expect(again?.status).toBe('ready');
    expect(again?.report?.kept).toBe(18);
    expect(datasets.list.map((x) => x.benchmark)).toEqual(['slake']);
  });

  it('reports a host failure on the entry', async () => {
    const { datasets } = make();
    const d = await datasets.loadUrl('https://data.example/nothing.zip');
    expect(d.status).toBe('error');
    expect(d.error).toMatch(/404/);
  });

  it('remembers URLs, reloads them on start, never loads the same one twice, forgets removed ones', async () => {
    const first = make();
    await first.datasets.loadUrl('https://data.example/vqa-rad.zip', { benchmark: 'vqa-rad' });
    await first.datasets.loadUrl('https://data.example/vqa-rad.zip', { benchmark: 'vqa-rad' });
    expect(first.loads).toHaveLength(1);
    const saved = first.kv.read(REMEMBERED_URLS_KEY);
    expect(saved).toEqual([{ url: 'https://data.example/vqa-rad.zip', benchmark: 'vqa-rad' }]);

    const second = make({ [REMEMBERED_URLS_KEY]: saved });
    second.datasets.restore();
    second.datasets.restore();
    const d = await second.datasets.loadUrl('https://data.example/vqa-rad.zip', { benchmark: 'vqa-rad' });
    expect(second.loads).toHaveLength(1);
    expect(d.report?.kept).toBe(21);
    second.datasets.remove(d.key);
    expect(second.datasets.list).toEqual([]);
    expect(second.kv.read(REMEMBERED_URLS_KEY)).toEqual([]);
  });

  it('holds the items beside the report, read by slices, and frees them when the dataset is removed', async () => {
    const { datasets } = make();
    const d = await datasets.loadUrl('https://data.example/slake.zip');
    const held = datasets.items(d.key);
    if (held === undefined) throw new Error('no items held');
    const all = (await datasets.result(d.key))?.items ?? [];
    expect(all).toHaveLength(18);
    expect(held.count).toBe(d.report?.kept);
    expect(await held.slice(3, 6)).toEqual(all.slice(3, 6));
    datasets.remove(d.key);
    expect(datasets.items(d.key)).toBeUndefined();
    expect(await datasets.result(d.key)).toBeNull();
    await expect(held.slice(0, 1)).rejects.toThrow(/removed/);
  });

  it('reopens the source on the page to read images', async () => {
    const { datasets } = make();
    const d = await datasets.loadUrl('https://data.example/slake.zip');
    const item = (await datasets.result(d.key))?.items.find((i) => i.images.length > 0);
    const image = item?.images[0];
    if (image === undefined) throw new Error('no image');
    const bytes = await datasets.sourceOf(d.key).readBytes(image.path);
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(datasets.sourceOf(d.key)).toBe(datasets.sourceOf(d.key));
  });

  it('keeps a picked folder across reloads; one click grants access again when the browser asks', async () => {
    const folders = memoryFolders();
    const first = make({}, { folders, permission: async () => 'granted' });
    const d = await first.datasets.add({ kind: 'directory', handle: handle('slake') }, { benchmark: 'slake' });
    expect(d.report?.kept).toBe(18);
    expect([...folders.rows.values()].map((f) => [f.handle.name, f.choice])).toEqual([
      ['slake', { benchmark: 'slake' }],
    ]);

    let answer: 'granted' | 'prompt' = 'prompt';
    const asked: boolean[] = [];
    const second = make(
      {},
      {
        folders,
        permission: async (_h, ask) => {
          asked.push(ask);
          return ask ? answer : 'prompt';
        },
      },
    );
    await second.datasets.restore();
    const waiting = second.datasets.list[0];
    expect(waiting).toMatchObject({ status: 'error', needsAccess: true, origin: 'folder slake' });
    expect(waiting?.error).toMatch(/permission again/);
    answer = 'granted';
    const back = await second.datasets.regrant(waiting?.key ?? '');
    expect(back).toMatchObject({ status: 'ready', needsAccess: false, error: null });
    expect(back?.report?.kept).toBe(18);
    expect(asked).toEqual([false, true]);
    second.datasets.remove(back?.key ?? '');
    await Promise.resolve();
    expect(folders.rows.size).toBe(0);
  });
});
