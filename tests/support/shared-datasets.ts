// Locates ../shared/datasets (the real benchmark samples) relative to the repo.
// A fresh clone has none: real-data suites then report themselves skipped, by name.
// Under CI=true its absence is a failure, never a silent skip.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SHARED_DATASETS = process.env['MEDVLM_SHARED_DATASETS'] ?? resolve(REPO_ROOT, '../shared/datasets');
export const HAVE_SHARED = existsSync(SHARED_DATASETS);

if (!HAVE_SHARED && process.env['CI'] === 'true') {
  throw new Error(
    `CI=true but the real benchmark samples are missing at ${SHARED_DATASETS}. ` +
      'CI must run with ../shared/datasets beside the clone (or set MEDVLM_SHARED_DATASETS).',
  );
}

/** Path of one benchmark folder inside ../shared/datasets. */
export function sharedPath(...parts: string[]): string {
  return join(SHARED_DATASETS, ...parts);
}

/** describe() for suites that need ../shared/datasets: skipped by name when it is absent (never under CI). */
export function describeShared(name: string, fn: () => void): void {
  if (HAVE_SHARED) describe(name, fn);
  // The body is not run: collecting it would read the missing files. One skipped placeholder carries the name.
  else
    describe.skip(`${name} [skipped: real data not found at ${SHARED_DATASETS}]`, () =>
      it.skip('needs ../shared/datasets', () => undefined));
}
