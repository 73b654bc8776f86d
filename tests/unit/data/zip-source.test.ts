// The zip source on the real samples in their release shapes: each shared folder zipped at test time (images
// STORED, text deflated), with and without one top-level folder, must load the same items as the folder.
import { describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/core/benchmarks';
import { createFsSource } from '../../../src/data/fs';
import { createMemorySource } from '../../../src/data/memory';
import { createBytesReader } from '../../../src/data/range-reader';
import { createZipSource } from '../../../src/data/zip';
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

  it('a missing entry is dataset/missing-file naming the archive', async () => {
    const source = createZipSource(createBytesReader(buildZip({ 'x.json': new Uint8Array([1]) }), 'd.zip'));
    await expect(source.readText('y.json')).rejects.toMatchObject({
      code: 'dataset/missing-file',
      message: expect.stringContaining('d.zip'),
    });
  });
});
