// `--data` takes a folder, a .zip file or an http(s):// URL: `items` gives the same JSONL from each; data that
// does not fit the benchmark exits 2 with what it looks like instead.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIO } from '../../support/cli-io';
import { REPO_ROOT, SHARED_DATASETS, describeShared, sharedPath } from '../../support/shared-datasets';
import { type StaticServer, startStaticServer } from '../../support/static-server';
import { zipFolder } from '../../support/zip-build';

async function items(
  benchmark: string,
  data: string,
  variant?: string,
): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(REPO_ROOT);
  const args = [
    'items',
    '--benchmark',
    benchmark,
    '--data',
    data,
    ...(variant === undefined ? [] : ['--variant', variant]),
  ];
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describeShared('CLI --data: folder, zip file, URL', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'medvlm-cli-data-'));
  let server: StaticServer;
  const CASES: [string, string, string | undefined][] = [
    ['vqa-rad', 'vqa-rad', undefined],
    ['slake', 'slake', undefined],
    ['pathvqa', 'pathvqa', undefined],
    ['pmc-vqa', 'pmc-vqa', 'test_2'],
    ['omnimedvqa', 'omnimedvqa', undefined],
    ['medxpertqa', 'medxpertqa', undefined],
    ['omnimedvqa', 'mcq-bundle', 'bundle'],
  ];
  beforeAll(async () => {
    const zips: Record<string, Uint8Array> = {};
    for (const [, folder] of CASES) {
      const zip = zipFolder(sharedPath(folder), { topFolder: folder });
      writeFileSync(join(tmp, `${folder}.zip`), zip);
      zips[`zips/${folder}.zip`] = zip;
    }
    server = await startStaticServer({ root: SHARED_DATASETS, files: zips });
  });
  afterAll(async () => {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it.each(CASES)(
    'items --benchmark %s: %s/ as a folder, a .zip and a zip URL give the same JSONL',
    async (id, folder, variant) => {
      const fromFolder = await items(id, sharedPath(folder), variant);
      expect(fromFolder.code).toBe(0);
      expect(fromFolder.out.split('\n').length).toBeGreaterThan(2);
      const fromZip = await items(id, join(tmp, `${folder}.zip`), variant);
      const fromUrl = await items(id, `${server.url}/zips/${folder}.zip`, variant);
      expect(fromZip).toMatchObject({ code: 0, out: fromFolder.out });
      expect(fromUrl).toMatchObject({ code: 0, out: fromFolder.out });
    },
  );

  it('wrong folder: exit 2 with what the folder looks like and what to pass', async () => {
    const got = await items('pathvqa', sharedPath('slake'));
    expect(got.code).toBe(2);
    expect(got.out).toBe('');
    expect(got.err).toContain('this looks like SLAKE: test.json + imgs/; pass --benchmark slake');
    const zipped = await items('vqa-rad', join(tmp, 'slake.zip'));
    expect(zipped.code).toBe(2);
    expect(zipped.err).toContain('this looks like SLAKE: test.json + imgs/; pass --benchmark slake');
  });

  it('a folder with no benchmark at all: exit 2 saying what it holds', async () => {
    const got = await items('mmmu-med', sharedPath('mmmu'));
    expect(got.code).toBe(2);
    expect(got.err).toContain("it holds no benchmark's files (1 file: SOURCE.md)");
  });

  it('a missing .zip or an unreachable URL: exit 2 with one line naming it', async () => {
    const missing = await items('slake', join(tmp, 'nope.zip'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.zip');
    const gone = await items('slake', `${server.url}/zips/nope.zip`);
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(/is not on 127\.0\.0\.1:\d+ \(HTTP 404/);
    expect(gone.err.trim().split('\n')).toHaveLength(1);
  });
});
