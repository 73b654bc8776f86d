// One contract for every DatasetSource implementation (fs, memory): same listing, same reads, same errors.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import type { DatasetSource } from '../../../src/core/ports';
import { createFsSource } from '../../../src/data/fs';
import { createMemorySource } from '../../../src/data/memory';

const FILES: Record<string, string | Uint8Array> = {
  'test.json': '[{"q": "µ?"}]',
  'imgs/xmlab1/source.jpg': new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x80]),
  'VQA_RAD Image Folder/synpic 1.jpg': new Uint8Array([1, 2, 3]),
  'a/b/c.csv': 'x,y\n1,2\n',
};

const tmp = mkdtempSync(join(tmpdir(), 'medvlm-fs-source-'));
for (const [path, content] of Object.entries(FILES)) {
  mkdirSync(join(tmp, path, '..'), { recursive: true });
  writeFileSync(join(tmp, path), content);
}
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const implementations: [string, () => DatasetSource][] = [
  ['fs', () => createFsSource(tmp)],
  ['memory', () => createMemorySource(FILES, 'mem')],
];

describe.each(implementations)('DatasetSource contract: %s', (_name, make) => {
  it('lists every file once, relative, "/"-separated, sorted', async () => {
    expect(await make().list()).toEqual(Object.keys(FILES).sort());
  });

  it('reads text as UTF-8 and bytes exactly', async () => {
    const source = make();
    expect(await source.readText('test.json')).toBe('[{"q": "µ?"}]');
    expect(await source.readBytes('imgs/xmlab1/source.jpg')).toEqual(FILES['imgs/xmlab1/source.jpg']);
    expect(await source.readBytes('VQA_RAD Image Folder/synpic 1.jpg')).toEqual(new Uint8Array([1, 2, 3]));
    expect(new TextDecoder().decode(await source.readBytes('a/b/c.csv'))).toBe('x,y\n1,2\n');
  });

  it('a missing file is dataset/missing-file naming the path', async () => {
    await expect(make().readText('nope.json')).rejects.toMatchObject({
      code: 'dataset/missing-file',
      message: expect.stringContaining('nope.json'),
    });
    await expect(make().readBytes('imgs/none.jpg')).rejects.toMatchObject({ code: 'dataset/missing-file' });
  });
});

describe('createFsSource', () => {
  it('a missing directory is dataset/missing-dir naming it and --data', () => {
    const missing = join(tmp, 'does-not-exist');
    expect(() => createFsSource(missing)).toThrow(
      expect.objectContaining({
        code: 'dataset/missing-dir',
        message: expect.stringMatching(/does-not-exist.*--data <dir>/),
      }),
    );
  });

  it('follows file links anywhere and folder links inside the root, once; skips dangling links; a folder link leaving the root is reported, not walked', async () => {
    const root = mkdtempSync(join(tmpdir(), 'medvlm-fs-links-'));
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
    symlinkSync(join(tmp, 'imgs'), join(root, 'imgs'));
    symlinkSync(join(tmp, 'test.json'), join(root, 'test.json'));
    symlinkSync(join(tmp, 'nowhere.json'), join(root, 'dangling.json'));
    symlinkSync(root, join(root, 'loop'));
    mkdirSync(join(root, 'own'));
    writeFileSync(join(root, 'own', 'a.csv'), 'x\n');
    symlinkSync(join(root, 'own'), join(root, 'alias'));
    const source = createFsSource(root);
    expect(await source.list()).toEqual(['own/a.csv', 'test.json']);
    expect(source.listProblems?.()).toEqual([{ path: 'imgs/', reason: expect.stringMatching(/^outside-root: /) }]);
    expect(await source.readText('test.json')).toBe('[{"q": "µ?"}]');
    await expect(source.readBytes('imgs/xmlab1/source.jpg')).rejects.toMatchObject({ code: 'dataset/bad-path' });
  });

  it('refuses paths that leave the root', async () => {
    await expect(createFsSource(join(tmp, 'a')).readText('../test.json')).rejects.toMatchObject({
      code: 'dataset/bad-path',
    });
  });
});
