// The URL source against a real local HTTP server: zips and parquet read by Range requests, folder manifests,
// Hugging Face-shaped file URLs, and every failure said as which host and why (404, 403, no ranges, refused, DNS).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBenchmark } from '../../../src/core/benchmarks';
import { createFsSource } from '../../../src/data/fs';
import { createMemorySource } from '../../../src/data/memory';
import { classifyUrl, createUrlSource } from '../../../src/data/url-source';
import { sampleMmmuRows, writeMmmuParquet } from '../../fixtures/mmmu-parquet';
import { REPO_ROOT, SHARED_DATASETS, describeShared, sharedPath } from '../../support/shared-datasets';
import { type StaticServer, startStaticServer } from '../../support/static-server';
import { filesOf, zipFolder } from '../../support/zip-build';

const HF_PARQUET = 'datasets/MMMU/MMMU/resolve/main/Clinical_Medicine/validation-00000-of-00001.parquet';
const parquet = writeMmmuParquet(sampleMmmuRows('Clinical_Medicine'));
const servers: StaticServer[] = [];
const start = async (...a: Parameters<typeof startStaticServer>): Promise<StaticServer> => {
  const s = await startStaticServer(...a);
  servers.push(s);
  return s;
};
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('classifyUrl', () => {
  it.each([
    ['https://h/x/OmniMedVQA.zip', 'zip', undefined],
    ['https://h/a/b/test-00000-of-00001.parquet?download=1', 'file', 'test-00000-of-00001.parquet'],
    [
      'https://huggingface.co/datasets/flaviagiammarino/path-vqa/resolve/main/data/test-00000-of-00003.parquet',
      'file',
      'data/test-00000-of-00003.parquet',
    ],
    ['https://h/ds/slake/', 'folder', undefined],
    ['https://h/ds/slake/manifest.json', 'folder', undefined],
    ['https://h/ds/my%20bundle.json', 'file', 'my bundle.json'],
  ])('%s is a %s', (url, kind, path) => {
    const got = classifyUrl(url);
    expect(got.kind).toBe(kind);
    if (path !== undefined) expect(got.kind === 'file' && got.path).toBe(path);
    if (kind === 'folder') expect(got.url).toBe('https://h/ds/slake');
  });

  it('turns a Hugging Face web-page URL (/blob/) into its file URL (/resolve/)', () => {
    expect(classifyUrl('https://huggingface.co/datasets/o/r/blob/main/x.zip').url).toBe(
      'https://huggingface.co/datasets/o/r/resolve/main/x.zip',
    );
  });

  it('rejects what is not an http(s) URL with config/bad-url', () => {
    expect(() => classifyUrl('ftp://h/x.zip')).toThrow(expect.objectContaining({ code: 'config/bad-url' }));
    expect(() => classifyUrl('not a url')).toThrow(expect.objectContaining({ code: 'config/bad-url' }));
  });
});

describe('createUrlSource over a local server', () => {
  let server: StaticServer;
  let noRange: StaticServer;
  let noHead: StaticServer;
  beforeAll(async () => {
    // The bundled demo slice: this suite needs no ../shared (the real-data one below does).
    const files = { [HF_PARQUET]: parquet, 'small.zip': zipFolder(join(REPO_ROOT, 'static-datasets/vqa-rad')) };
    server = await start({ root: SHARED_DATASETS, files, status: { 'gated.zip': 403 } });
    noRange = await start({ root: SHARED_DATASETS, files, ranges: false });
    noHead = await start({ files, refuseHead: true });
  });

  it('reads a Hugging Face-shaped parquet URL by ranges, never a whole-file GET', async () => {
    const expected = await loadBenchmark(
      createMemorySource({ 'Clinical_Medicine/validation-00000-of-00001.parquet': parquet }),
      'mmmu-med',
    );
    server.reset();
    const got = await loadBenchmark(createUrlSource(`${server.url}/${HF_PARQUET}`), 'mmmu-med');
    expect(got.items).toEqual(expected.items);
    expect(server.requests().every((r) => r.method === 'HEAD' || r.range !== null)).toBe(true);
  });

  it('finds the size by a one-byte range when the host refuses HEAD', async () => {
    const got = await loadBenchmark(createUrlSource(`${noHead.url}/${HF_PARQUET}`), 'mmmu-med');
    expect(got.report.kept).toBeGreaterThan(0);
    expect(noHead.requests().some((r) => r.range === 'bytes=0-0')).toBe(true);
  });

  it('keeps the whole body of a small file from a server that ignores Range, fetching it once', async () => {
    noRange.reset();
    const got = await loadBenchmark(createUrlSource(`${noRange.url}/${HF_PARQUET}`), 'mmmu-med');
    expect(got.report.kept).toBeGreaterThan(0);
    expect(noRange.requests().filter((r) => r.method === 'GET')).toHaveLength(1);
  });

  it('refuses a large file from a server that ignores Range: dataset/no-range naming the host', async () => {
    const source = createUrlSource(`${noRange.url}/small.zip`, { wholeBodyLimit: 1024 });
    await expect(source.list()).rejects.toMatchObject({
      code: 'dataset/no-range',
      message: expect.stringMatching(/^127\.0\.0\.1:\d+ does not support HTTP range requests/),
    });
  });

  it('404 is dataset/not-found and 403 is dataset/forbidden, each naming the host', async () => {
    const host = new URL(server.url).host;
    await expect(createUrlSource(`${server.url}/nope.zip`).list()).rejects.toMatchObject({
      code: 'dataset/not-found',
      message: expect.stringContaining(`is not on ${host} (HTTP 404`),
    });
    await expect(createUrlSource(`${server.url}/gated.zip`).list()).rejects.toMatchObject({
      code: 'dataset/forbidden',
      message: expect.stringContaining(`${host} refused access`),
    });
  });

  it('a closed port is dataset/unreachable: connection refused', async () => {
    const gone = await startStaticServer({ files: {} });
    await gone.close();
    await expect(createUrlSource(`${gone.url}/x.zip`).list()).rejects.toMatchObject({
      code: 'dataset/unreachable',
      message: expect.stringContaining('connection refused'),
    });
  });

  it('a name that does not resolve is dataset/unreachable: DNS', async () => {
    const fetchImpl = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) });
    }) as typeof fetch;
    await expect(createUrlSource('https://data.example.invalid/x.zip', { fetchImpl }).list()).rejects.toMatchObject({
      code: 'dataset/unreachable',
      message: expect.stringContaining('data.example.invalid cannot be reached: its name does not resolve (DNS'),
    });
  });
});

describeShared('createUrlSource on the shared samples', () => {
  let server: StaticServer;
  const zips: Record<string, Uint8Array> = {};
  beforeAll(async () => {
    zips['vqa-rad.zip'] = zipFolder(sharedPath('vqa-rad'));
    zips['slake-top.zip'] = zipFolder(sharedPath('slake'), { topFolder: 'Slake1.0' });
    const manifest = JSON.stringify({
      files: Object.entries(filesOf(sharedPath('vqa-rad'))).map(([path, b]) => ({ path, bytes: b.byteLength })),
    });
    server = await start({
      root: SHARED_DATASETS,
      files: { ...zips, 'vqa-rad/manifest.json': new TextEncoder().encode(manifest) },
    });
  });

  it.each([
    ['vqa-rad', 'vqa-rad.zip'],
    ['slake', 'slake-top.zip'],
  ])('%s from a zip URL = from the folder, reading a fraction of the archive', async (id, zip) => {
    const expected = await loadBenchmark(createFsSource(sharedPath(id)), id);
    server.reset();
    const got = await loadBenchmark(createUrlSource(`${server.url}/${zip}`), id);
    expect(got.items).toEqual(expected.items);
    expect(got.report).toEqual(expected.report);
    const size = zips[zip]?.byteLength ?? 0;
    console.log(`BENCH url_zip_${id}_bytes_sent ${server.bytesSent()} (of ${size})`);
    expect(server.bytesSent()).toBeLessThan(size / 4);
  });

  it('vqa-rad from a folder URL with a manifest.json = from the folder', async () => {
    const expected = await loadBenchmark(createFsSource(sharedPath('vqa-rad')), 'vqa-rad');
    for (const url of [`${server.url}/vqa-rad/`, `${server.url}/vqa-rad/manifest.json`]) {
      const source = createUrlSource(url);
      expect((await loadBenchmark(source, 'vqa-rad')).items).toEqual(expected.items);
      const image = expected.items[0]?.images[0]?.path ?? '';
      expect(await source.readRange(image, 2, 10)).toEqual(
        await createFsSource(sharedPath('vqa-rad')).readRange(image, 2, 10),
      );
    }
  });
});
