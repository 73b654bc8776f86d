// Data sources in real Chromium: a picked folder as a FileList (webkitRelativePath) and as a directory handle
// (a real one, from the origin-private file system), dropped entries, a zip read cross-origin by HTTP ranges,
// and a host without CORS headers said as a CORS problem with its fix.
import { describe, expect, inject, it } from 'vitest';
import { loadBenchmark } from '../../src/core/benchmarks';
import {
  type DirectoryHandleLike,
  type DroppedEntryLike,
  collectDroppedFiles,
  createDirectoryHandleSource,
  createFileListSource,
} from '../../src/data/browser-files';
import { createUrlSource } from '../../src/data/url-source';

const servers = inject('dataServers');

/** The shared folder fetched file by file from the CORS server, as File objects. */
async function fetchFolder(folder: string): Promise<{ path: string; file: File }[]> {
  const paths = servers.files[folder] ?? [];
  return Promise.all(
    paths.map(async (path) => {
      const url = `${servers.cors}/${folder}/${path.split('/').map(encodeURIComponent).join('/')}`;
      const blob = await (await fetch(url)).blob();
      return { path, file: new File([blob], path.slice(path.lastIndexOf('/') + 1)) };
    }),
  );
}

/** What `<input webkitdirectory>` gives: each File's webkitRelativePath starts with the picked folder's name. */
function asPicked(folder: string, files: { path: string; file: File }[]): File[] {
  return files.map(({ path, file }) =>
    Object.defineProperty(file, 'webkitRelativePath', { value: `${folder}/${path}` }),
  );
}

const suite = servers.shared ? describe : describe.skip;

suite('browser data sources on the shared samples', () => {
  it.each(['vqa-rad', 'slake'])('%s from a picked folder (FileList) = from the folder in Node', async (folder) => {
    const source = createFileListSource(asPicked(folder, await fetchFolder(folder)), folder);
    const { items } = await loadBenchmark(source, folder);
    expect(items).toEqual(servers.expected[folder]);
  });

  it('slake from a real directory handle (OPFS) = from the folder in Node', async () => {
    const opfs = await navigator.storage.getDirectory();
    const dir = await opfs.getDirectoryHandle('slake-picked', { create: true });
    for (const { path, file } of await fetchFolder('slake')) {
      let at = dir;
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) at = await at.getDirectoryHandle(part, { create: true });
      const handle = await at.getFileHandle(parts[parts.length - 1] ?? '', { create: true });
      const writable = await handle.createWritable();
      await writable.write(file);
      await writable.close();
    }
    const source = createDirectoryHandleSource(dir as unknown as DirectoryHandleLike);
    expect((await loadBenchmark(source, 'slake')).items).toEqual(servers.expected['slake']);
    const image = servers.expected['slake']?.[0]?.images[0]?.path ?? '';
    expect((await source.readRange(image, 0, 3)).length).toBe(3);
    await opfs.removeEntry('slake-picked', { recursive: true });
  });

  it('vqa-rad from dropped entries (a folder walked with readEntries) = from the folder in Node', async () => {
    const files = await fetchFolder('vqa-rad');
    const entry = (name: string, children: Map<string, unknown>): DroppedEntryLike => {
      const kids = [...children].map(([k, v]) =>
        v instanceof File
          ? { isFile: true, isDirectory: false, name: k, file: (ok: (f: File) => void) => ok(v) }
          : entry(k, v as Map<string, unknown>),
      );
      let served = false;
      return {
        isFile: false,
        isDirectory: true,
        name,
        createReader: () => ({ readEntries: (ok) => ok(served ? [] : ((served = true), kids)) }),
      };
    };
    const tree = new Map<string, unknown>();
    for (const { path, file } of files) {
      const parts = path.split('/');
      let node = tree;
      for (const p of parts.slice(0, -1)) {
        if (!node.has(p)) node.set(p, new Map<string, unknown>());
        node = node.get(p) as Map<string, unknown>;
      }
      node.set(parts[parts.length - 1] ?? '', file);
    }
    const dropped = await collectDroppedFiles([entry('vqa-rad', tree)]);
    expect(dropped).toHaveLength(files.length);
    const { items } = await loadBenchmark(createFileListSource(dropped), 'vqa-rad');
    expect(items).toEqual(servers.expected['vqa-rad']);
  });

  it('vqa-rad from a zip URL on another origin, read by range requests', async () => {
    const url = `${servers.cors}/zips/vqa-rad.zip`;
    expect(new URL(url).origin).not.toBe(location.origin);
    expect((await loadBenchmark(createUrlSource(url), 'vqa-rad')).items).toEqual(servers.expected['vqa-rad']);
  });
});

describe('a data host without CORS headers', () => {
  // This page is cross-origin isolated (COEP require-corp, like the app), which blocks the no-cors probe that
  // tells CORS from a dead host: the message then gives both causes, the CORS fix, and the new-tab test.
  it('is reported with the CORS fix, naming the host and the headers it must send', async () => {
    const url = `${servers.noCors}/zips/vqa-rad.zip`;
    const host = new URL(url).host;
    const error = await createUrlSource(url)
      .list()
      .then(
        () => null,
        (e: unknown) => e as { code: string; message: string },
      );
    expect(error?.code).toBe(crossOriginIsolated ? 'dataset/cors-or-unreachable' : 'dataset/cors');
    expect(error?.message).toContain(host);
    expect(error?.message).toContain('CORS');
    expect(error?.message).toContain(`'Access-Control-Allow-Origin: ${location.origin}' (or '*')`);
    expect(error?.message).toContain('Access-Control-Expose-Headers: Content-Range');
  });

  it.runIf(servers.shared)(
    'the same files from the host with CORS headers load: CORS was the only difference',
    async () => {
      const { report } = await loadBenchmark(createUrlSource(`${servers.cors}/zips/vqa-rad.zip`), 'vqa-rad');
      expect(report.kept).toBe(servers.expected['vqa-rad']?.length);
    },
  );
});
