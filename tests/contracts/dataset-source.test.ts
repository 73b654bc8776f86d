// One contract for every DatasetSource: the same listing, whole reads, sizes and byte ranges (clamped to the
// file), and a missing file said as such — on a folder, in memory, in a zip (with or without a top folder),
// over files the page was given (a FileList, a directory handle) and over HTTP (a zip URL, a folder manifest).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSource } from '../../src/core/ports';
import {
  type DirectoryHandleLike,
  type FileHandleLike,
  createDirectoryHandleSource,
  createFileListSource,
} from '../../src/data/browser-files';
import { createFsSource } from '../../src/data/fs';
import { createMemorySource } from '../../src/data/memory';
import { createBytesReader } from '../../src/data/range-reader';
import { createUrlSource } from '../../src/data/url-source';
import { createZipSource } from '../../src/data/zip';
import { type StaticServer, startStaticServer } from '../support/static-server';
import { buildZip } from '../support/zip-build';

const enc = new TextEncoder();
const FILES: Record<string, Uint8Array> = {
  'test.json': enc.encode('[{"q": "µ?"}]'),
  'imgs/xmlab1/source.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x80, 1, 2, 3, 4, 5]),
  'VQA_RAD Image Folder/synpic 1.jpg': new Uint8Array([1, 2, 3]),
  'a/b/c.csv': enc.encode('x,y\n1,2\n'),
};
const PATHS = Object.keys(FILES).sort();

const tmp = mkdtempSync(join(tmpdir(), 'medvlm-source-contract-'));
for (const [path, content] of Object.entries(FILES)) {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), content);
}
let server: StaticServer;
beforeAll(async () => {
  const manifest = enc.encode(JSON.stringify({ files: PATHS.map((path) => ({ path })) }));
  server = await startStaticServer({
    root: tmp,
    files: { 'archive.zip': buildZip(FILES, { topFolder: 'Release' }), 'manifest.json': manifest },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** A FileSystemDirectoryHandle look-alike over FILES (the real one is exercised in tests/browser). */
function fakeDirectory(name: string, files: Record<string, Uint8Array>): DirectoryHandleLike {
  const children = new Map<string, Record<string, Uint8Array>>();
  const own: FileHandleLike[] = [];
  for (const [path, bytes] of Object.entries(files)) {
    const slash = path.indexOf('/');
    if (slash < 0) {
      own.push({ kind: 'file', name: path, getFile: async () => new File([bytes.slice()], path) });
      continue;
    }
    const dir = path.slice(0, slash);
    children.set(dir, { ...children.get(dir), [path.slice(slash + 1)]: bytes });
  }
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* own;
      for (const [dir, sub] of children) yield fakeDirectory(dir, sub);
    },
  };
}

function webkitFile(path: string, bytes: Uint8Array): File {
  const file = new File([bytes.slice()], path.slice(path.lastIndexOf('/') + 1));
  return Object.defineProperty(file, 'webkitRelativePath', { value: path });
}

const implementations: [string, () => DatasetSource, string][] = [
  ['fs', () => createFsSource(tmp), 'dataset/missing-file'],
  ['memory', () => createMemorySource(FILES, 'mem'), 'dataset/missing-file'],
  ['zip', () => createZipSource(createBytesReader(buildZip(FILES))), 'dataset/missing-file'],
  [
    'zip with a top folder',
    () => createZipSource(createBytesReader(buildZip(FILES, { topFolder: 'Top' }))),
    'dataset/missing-file',
  ],
  [
    'file list (webkitRelativePath)',
    () => createFileListSource(Object.entries(FILES).map(([p, b]) => webkitFile(`Picked/${p}`, b))),
    'dataset/missing-file',
  ],
  [
    'dropped files ({path, file})',
    () => createFileListSource(Object.entries(FILES).map(([path, b]) => ({ path, file: new File([b.slice()], path) }))),
    'dataset/missing-file',
  ],
  ['directory handle', () => createDirectoryHandleSource(fakeDirectory('picked', FILES)), 'dataset/missing-file'],
  ['zip URL', () => createUrlSource(`${server.url}/archive.zip`), 'dataset/missing-file'],
  ['folder URL with manifest.json', () => createUrlSource(`${server.url}/`), 'dataset/not-found'],
];

describe.each(implementations)('DatasetSource contract: %s', (_name, make, missingCode) => {
  it('lists every file once, relative, "/"-separated, sorted', async () => {
    expect(await make().list()).toEqual(PATHS);
  });

  it('reads text as UTF-8 and bytes exactly', async () => {
    const source = make();
    expect(await source.readText('test.json')).toBe('[{"q": "µ?"}]');
    for (const path of PATHS) expect(await source.readBytes(path)).toEqual(FILES[path]);
  });

  it('gives sizes without reading, and byte ranges clamped to the file', async () => {
    const source = make();
    for (const path of PATHS) expect(await source.size(path)).toBe(FILES[path]?.byteLength);
    const jpg = FILES['imgs/xmlab1/source.jpg'] ?? new Uint8Array();
    expect(await source.readRange('imgs/xmlab1/source.jpg', 2, 7)).toEqual(jpg.slice(2, 7));
    expect(await source.readRange('imgs/xmlab1/source.jpg', 8, 1000)).toEqual(jpg.slice(8));
    expect((await source.readRange('imgs/xmlab1/source.jpg', 7, 3)).byteLength).toBe(0);
    expect(await source.readRange('VQA_RAD Image Folder/synpic 1.jpg', 0, 3)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('a missing file is an error naming the path', async () => {
    await expect(make().readText('nope.json')).rejects.toMatchObject({
      code: missingCode,
      message: expect.stringMatching(/nope\.json/),
    });
    await expect(make().readRange('imgs/none.jpg', 0, 4)).rejects.toMatchObject({ code: missingCode });
  });
});
