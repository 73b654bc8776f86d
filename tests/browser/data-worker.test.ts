// The data worker in real Chromium: a dataset given as a URL (cross-origin zip by ranges), a picked .zip File and
// picked files is detected and loaded in the worker, with progress, and gives the items Node loads from the folder;
// the worker keeps them for the page to read by slices; a wrong benchmark and a host without CORS fail with
// messages a user can act on.
import { describe, expect, inject, it } from 'vitest';
import type { DatasetLoadProgress } from '../../src/core/benchmarks/load-detected';
import { isEvalError } from '../../src/core/errors';
import type { SourceSpec } from '../../src/data/source-spec';
import { loadDatasetInWorker, openDatasetInWorker } from '../../src/app/job-workers';
import { idbFolderStore } from '../../src/app/lib/dom/folder-store';
import type { DirectoryHandleLike } from '../../src/data/browser-files';

const servers = inject('dataServers');
const suite = servers.shared ? describe : describe.skip;

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

suite('the data worker on the shared samples', () => {
  it('loads a cross-origin zip URL by ranges, recognising the benchmark, with progress', async () => {
    const seen: DatasetLoadProgress[] = [];
    const got = await loadDatasetInWorker({ kind: 'url', url: `${servers.cors}/zips/slake.zip` }, {}, (p) =>
      seen.push(p),
    );
    expect(got.benchmark).toBe('slake');
    expect(got.variant).toBe('closed');
    expect(got.result.items).toEqual(servers.expected['slake']);
    expect(got.result.report.expected?.count).toBe(416);
    const last = seen.at(-1);
    expect(last?.phase).toBe('done');
    expect(last?.items).toBe(got.result.items.length);
    expect(last?.files).toBeGreaterThan(0);
    expect(last?.bytes).toBeGreaterThan(0);
  });

  it('loads a picked .zip File and picked files the same as the folder', async () => {
    const blob = await (await fetch(`${servers.cors}/zips/vqa-rad.zip`)).blob();
    const zip: SourceSpec = { kind: 'zip', file: new File([blob], 'vqa-rad.zip') };
    expect((await loadDatasetInWorker(zip, { benchmark: 'vqa-rad' })).result.items).toEqual(
      servers.expected['vqa-rad'],
    );

    const paths = servers.files['vqa-rad'] ?? [];
    const files = await Promise.all(
      paths.map(async (path) => {
        const url = `${servers.cors}/vqa-rad/${path.split('/').map(encodeURIComponent).join('/')}`;
        return { path: `vqa-rad/${path}`, file: new File([await (await fetch(url)).blob()], path) };
      }),
    );
    const got = await loadDatasetInWorker({ kind: 'files', name: 'vqa-rad', files }, {});
    expect(got.benchmark).toBe('vqa-rad');
    expect(got.result.items).toEqual(servers.expected['vqa-rad']);
  });

  it('a real folder handle (OPFS), kept in IndexedDB and read back, loads in the worker', async () => {
    const opfs = await navigator.storage.getDirectory();
    const dir = await opfs.getDirectoryHandle('slake-kept', { create: true });
    for (const path of servers.files['slake'] ?? []) {
      const url = `${servers.cors}/slake/${path.split('/').map(encodeURIComponent).join('/')}`;
      let at = dir;
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) at = await at.getDirectoryHandle(part, { create: true });
      const writable = await (await at.getFileHandle(parts.at(-1) ?? '', { create: true })).createWritable();
      await writable.write(await (await fetch(url)).blob());
      await writable.close();
    }
    await idbFolderStore.put({ id: 'kept-1', handle: dir as unknown as DirectoryHandleLike, choice: {} });
    const kept = (await idbFolderStore.list()).find((f) => f.id === 'kept-1');
    if (kept === undefined) throw new Error('not kept');
    const got = await loadDatasetInWorker({ kind: 'directory', handle: kept.handle }, kept.choice);
    expect(got.benchmark).toBe('slake');
    expect(got.result.items).toEqual(servers.expected['slake']);
    await idbFolderStore.remove('kept-1');
    await opfs.removeEntry('slake-kept', { recursive: true });
  });

  it('keeps the items in the worker: the page reads slices and finds an item by id, until the dataset is closed', async () => {
    const expected = servers.expected['slake'] ?? [];
    const held = await openDatasetInWorker({ kind: 'url', url: `${servers.cors}/zips/slake.zip` }, {});
    expect(held.report.kept).toBe(expected.length);
    expect(held.items.count).toBe(expected.length);
    expect(await held.items.slice(2, 5)).toEqual(expected.slice(2, 5));
    expect(await held.items.slice(expected.length - 1, expected.length + 10)).toEqual(expected.slice(-1));
    const last = expected.at(-1);
    if (last === undefined) throw new Error('no items');
    expect(await held.items.find(last.id)).toEqual({ index: expected.length - 1, item: last });
    expect(await held.items.find('no such id')).toBeNull();
    held.items.close();
    await expect(held.items.slice(0, 1)).rejects.toThrow(/removed/);
  });

  it('says what the data looks like when the chosen benchmark does not fit', async () => {
    const e = await caught(
      loadDatasetInWorker({ kind: 'url', url: `${servers.cors}/zips/slake.zip` }, { benchmark: 'vqa-rad' }),
    );
    expect(isEvalError(e) && e.code).toBe('dataset/wrong-benchmark');
    expect(String((e as Error).message)).toMatch(/this looks like SLAKE/);
  });

  it('names the host and CORS when the host sends no CORS headers', async () => {
    const e = await caught(loadDatasetInWorker({ kind: 'url', url: `${servers.noCors}/zips/slake.zip` }, {}));
    expect(isEvalError(e) && e.code).toMatch(/^dataset\/cors/);
    expect(String((e as Error).message)).toContain(new URL(servers.noCors).host);
  });
});
