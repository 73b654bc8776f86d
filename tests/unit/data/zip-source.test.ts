// The zip source on the real samples in their release shapes: each shared folder zipped at test time (images
// STORED, text deflated), with and without one top-level folder, must load the same items as the folder.
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/core/benchmarks';
import { createFsSource } from '../../../src/data/fs';
import { createMemorySource } from '../../../src/data/memory';
import { createBytesReader, type RangeReader } from '../../../src/data/range-reader';
import { createZipSource, inflateRaw } from '../../../src/data/zip';
import { sampleMmmuRows, writeMmmuParquet } from '../../fixtures/mmmu-parquet';
import { describeShared, sharedPath } from '../../support/shared-datasets';
import { buildZip, zipFolder } from '../../support/zip-build';

/** (benchmark, shared folder, variant) for every benchmark and variant the samples can feed. */
const CASES: [string, string, string][] = [
  ['vqa-rad', 'vqa-rad', 'yesno'],
  ['vqa-rad', 'vqa-rad', 'closed'],
  ['slake', 'slake', 'closed'],
  ['pathvqa', 'pathvqa', 'yesno'],
  ['pmc-vqa', 'pmc-vqa', 'test_2'],
  ['omnimedvqa', 'omnimedvqa', 'open-access'],
  ['medxpertqa', 'medxpertqa', 'mm'],
  ['medxpertqa', 'medxpertqa', 'text'],
  ['omnimedvqa', 'mcq-bundle', 'bundle'],
  ['pmc-vqa', 'mcq-bundle', 'bundle'],
];

describeShared('zip source = folder source on the shared samples', () => {
  describe.each([
    ['no top folder', undefined],
    ['one top folder', 'Release-1.0'],
  ])('%s', (_label, topFolder) => {
    it.each(CASES)('%s from %s/ (variant %s)', async (id, folder, variant) => {
      const fromFolder = await loadBenchmark(createFsSource(sharedPath(folder)), id, variant);
      const reader = createBytesReader(zipFolder(sharedPath(folder), topFolder === undefined ? {} : { topFolder }));
      const zip = createZipSource(reader);
      const fromZip = await loadBenchmark(zip, id, variant);
      expect(fromZip.report).toEqual(fromFolder.report);
      expect(fromZip.items).toEqual(fromFolder.items);
      expect(fromFolder.report.kept).toBeGreaterThan(0);
      expect(await zip.list()).toEqual(await createFsSource(sharedPath(folder)).list());
    });
  });

  it('reads an image entry by range in place and the same bytes as the folder', async () => {
    const folder = createFsSource(sharedPath('slake'));
    const reader = createBytesReader(zipFolder(sharedPath('slake')));
    const zip = createZipSource(reader);
    const path = (await zip.list()).find((p) => p.endsWith('.jpg')) ?? '';
    const size = await folder.size(path);
    expect(await zip.size(path)).toBe(size);
    expect(await zip.readBytes(path)).toEqual(await folder.readBytes(path));
    const before = reader.bytesRead;
    expect(await zip.readRange(path, 100, 164)).toEqual(await folder.readRange(path, 100, 164));
    expect(reader.bytesRead - before).toBeLessThanOrEqual(64 + 30); // the range and at most one local header
  });
});

describe('zip source', () => {
  const files = {
    'Clinical_Medicine/validation-00000-of-00001.parquet': writeMmmuParquet(sampleMmmuRows('Clinical_Medicine')),
    'Pharmacy/validation-00000-of-00001.parquet': writeMmmuParquet(sampleMmmuRows('Pharmacy')),
  };

  it('reads MMMU parquet from a zip by ranges (deflated and stored) like from memory', async () => {
    const expected = await loadBenchmark(createMemorySource(files), 'mmmu-med');
    expect(expected.report.kept).toBeGreaterThan(0);
    for (const store of [/$^/, /\.parquet$/]) {
      const reader = createBytesReader(buildZip(files, { topFolder: 'MMMU', store }));
      const fromZip = await loadBenchmark(createZipSource(reader), 'mmmu-med');
      expect(fromZip.items).toEqual(expected.items);
      expect(fromZip.report).toEqual(expected.report);
    }
  });

  it('strips one common top folder only, and skips __MACOSX and .DS_Store', async () => {
    const bytes = new TextEncoder().encode('[]');
    const one = createZipSource(
      createBytesReader(buildZip({ 'a/x.json': bytes, 'a/b/y.json': bytes, '__MACOSX/a/._x.json': bytes })),
    );
    expect(await one.list()).toEqual(['b/y.json', 'x.json']);
    const two = createZipSource(
      createBytesReader(buildZip({ 'a/x.json': bytes, 'b/y.json': bytes, 'a/.DS_Store': bytes })),
    );
    expect(await two.list()).toEqual(['a/x.json', 'b/y.json']);
    const kept = createZipSource(createBytesReader(buildZip({ 'imgs/x.jpg': bytes })), { stripTopFolder: false });
    expect(await kept.list()).toEqual(['imgs/x.jpg']);
  });

  it('says a damaged or non-zip file is not a readable archive (dataset/bad-archive)', async () => {
    const source = createZipSource(createBytesReader(new TextEncoder().encode('<html>not a zip</html>'), 'page.zip'));
    await expect(source.list()).rejects.toMatchObject({
      code: 'dataset/bad-archive',
      message: expect.stringContaining('page.zip is not a readable zip archive'),
    });
  });

  describe('files announced with willRead', () => {
    const enc = new TextEncoder();
    const json = (i: number): string =>
      JSON.stringify(Array.from({ length: 200 }, (_, k) => ({ file: i, k, question: `What is shown in image ${k}?` })));
    // Deflated neighbours, a STORED one among them, then one past a 2 MiB image: more than the 1 MiB gap.
    const big = new Uint8Array(2 * 1024 * 1024).map((_, i) => (i * 7919) & 0xff);
    const files: Record<string, Uint8Array> = {
      'q/a.json': enc.encode(json(0)),
      'q/b.json': enc.encode(json(1)),
      'q/c.txt': enc.encode('stored text'),
      'img/big.jpg': big,
      'q/z.json': enc.encode(json(2)),
    };
    const announced = ['q/a.json', 'q/b.json', 'q/c.txt', 'q/z.json'];
    const expected = (path: string): string => new TextDecoder().decode(files[path]);

    /** The archive's reader, recording each read after the listing; `failNext` makes the next read reject. */
    function recorded(): { reader: RangeReader; reads: [number, number][]; failNext: () => void } {
      const inner = createBytesReader(buildZip(files, { store: /\.(jpg|txt)$/ }), 'q.zip');
      const reads: [number, number][] = [];
      let fail = false;
      const reader: RangeReader = {
        name: inner.name,
        size: () => inner.size(),
        read: async (s, e) => {
          reads.push([s, e]);
          if (fail) {
            fail = false;
            throw new Error('connection reset');
          }
          return inner.read(s, e);
        },
        get bytesRead() {
          return inner.bytesRead;
        },
      };
      return { reader, reads, failNext: () => (fail = true) };
    }

    it('reads neighbours in one read and a file past a 1 MiB gap in its own, with the same texts', async () => {
      const { reader, reads } = recorded();
      const source = createZipSource(reader);
      await source.list();
      reads.length = 0;
      source.willRead?.(announced);
      const texts = await Promise.all(announced.map((p) => source.readText(p)));
      expect(texts).toEqual(announced.map(expected));
      expect(reads).toHaveLength(2);
      // A file read again (its shared read is done with) is read alone, and a range still reads in place.
      expect(await source.readText('q/a.json')).toBe(expected('q/a.json'));
      expect(await source.readRange('q/c.txt', 0, 6)).toEqual(enc.encode('stored'));
      expect(reads).toHaveLength(4);
    });

    it('inflates deflated entries with the inflate it is given (the data worker: its helper), stored ones not', async () => {
      const given: number[] = [];
      const source = createZipSource(recorded().reader, {
        inflate: async (deflated) => (given.push(deflated.byteLength), inflateRaw(deflated)),
      });
      source.willRead?.(announced);
      expect(await Promise.all(announced.map((p) => source.readText(p)))).toEqual(announced.map(expected));
      // a.json, b.json and z.json are deflated; c.txt is stored
      expect(given).toHaveLength(3);
      expect(given.every((n) => n > 0 && n < 5000)).toBe(true);
    });

    it('a failed shared read fails the files in it; reading them again reads each alone', async () => {
      const { reader, reads, failNext } = recorded();
      const source = createZipSource(reader);
      await source.list();
      reads.length = 0;
      source.willRead?.(['q/a.json', 'q/b.json']);
      failNext();
      await expect(source.readText('q/a.json')).rejects.toMatchObject({
        code: 'dataset/read-failed',
        message: expect.stringContaining('connection reset'),
      });
      await expect(source.readText('q/b.json')).rejects.toMatchObject({ code: 'dataset/read-failed' });
      expect(reads).toHaveLength(1);
      expect(await source.readText('q/b.json')).toBe(expected('q/b.json'));
      expect(await source.readText('q/a.json')).toBe(expected('q/a.json'));
      expect(reads).toHaveLength(3);
    });
  });

  it('a missing entry is dataset/missing-file naming the archive', async () => {
    const source = createZipSource(createBytesReader(buildZip({ 'x.json': new Uint8Array([1]) }), 'd.zip'));
    await expect(source.readText('y.json')).rejects.toMatchObject({
      code: 'dataset/missing-file',
      message: expect.stringContaining('d.zip'),
    });
  });
});
