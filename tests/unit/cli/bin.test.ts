// The installed bin runs the TypeScript CLI through tsx with no build step, on the bundled demo data.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../src/core/version';
import { REPO_ROOT } from '../../support/shared-datasets';

const bin = join(REPO_ROOT, 'bin', 'medvlm-bench.mjs');

describe('medvlm-bench bin', () => {
  it('prints usage with every command', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    for (const c of ['items', 'score', 'tables', 'compare', 'run']) expect(r.stdout).toContain(c);
  });

  it('lists the bundled VQA-RAD demo items', () => {
    const r = spawnSync(
      process.execPath,
      [bin, 'items', '--benchmark', 'vqa-rad', '--data', 'static-datasets/vqa-rad'],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'static-datasets/vqa-rad/manifest.json'), 'utf8')) as {
      counts: { items: number };
    };
    expect(r.stdout.trim().split('\n')).toHaveLength(manifest.counts.items);
  });

  it('exits 2 with one line for an unknown benchmark', () => {
    const r = spawnSync(process.execPath, [bin, 'items', '--benchmark', 'nope', '--data', '.'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('APP_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(APP_VERSION).toBe(pkg.version);
  });
});
