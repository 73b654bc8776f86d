// The committed demo slices are exactly what scripts/make-demo-slices.mjs builds from ../shared/datasets,
// and every slice ships its license and a manifest whose hashes match the files.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeShared, REPO_ROOT } from '../../support/shared-datasets';

const DIR = join(REPO_ROOT, 'static-datasets');

describeShared('demo slices are reproducible from ../shared/datasets', () => {
  it('make-demo-slices --check finds nothing to change', () => {
    const r = spawnSync(process.execPath, ['scripts/make-demo-slices.mjs', '--check'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(r.stderr + r.stdout).toMatch(/up to date/);
    expect(r.status).toBe(0);
  });
});

describe('bundled demo slices', () => {
  const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { benchmarks: { id: string; license: string }[] };
  it('bundles VQA-RAD, SLAKE and PathVQA with open licenses', () => {
    expect(index.benchmarks.map((b) => [b.id, b.license])).toEqual([
      ['vqa-rad', 'CC0-1.0'],
      ['slake', 'CC-BY-4.0'],
      ['pathvqa', 'MIT'],
    ]);
  });
  for (const { id } of index.benchmarks) {
    it(`${id}: LICENSE.md present and manifest hashes match the files`, () => {
      expect(existsSync(join(DIR, id, 'LICENSE.md'))).toBe(true);
      const manifest = JSON.parse(readFileSync(join(DIR, id, 'manifest.json'), 'utf8')) as { files: { path: string; sha256: string; bytes: number }[]; source: string };
      expect(manifest.source.length).toBeGreaterThan(0);
      expect(manifest.files.length).toBeGreaterThan(1);
      for (const f of manifest.files) {
        const bytes = readFileSync(join(DIR, id, f.path));
        expect(bytes.length, f.path).toBe(f.bytes);
        expect(createHash('sha256').update(bytes).digest('hex'), f.path).toBe(f.sha256);
      }
    });
  }
});
