// Node side of `--data`: a folder, a .zip file (read by ranges, never unpacked), a single data file, or an
// http(s):// URL (url-source.ts). One function so every CLI command accepts the same things.
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { createFsSource } from './fs';
import { createNodeFileReader } from './node-file-reader';
import { createSingleFileSource } from './single-file';
import { createUrlSource } from './url-source';
import { createZipSource } from './zip';

export function resolveDataSource(data: string, cwd: string, fetchImpl?: typeof fetch): DatasetSource {
  if (/^https?:\/\//i.test(data)) return createUrlSource(data, fetchImpl === undefined ? {} : { fetchImpl });
  const abs = resolve(cwd, data);
  if (existsSync(abs) && statSync(abs).isFile()) {
    const reader = createNodeFileReader(abs);
    if (/\.zip$/i.test(abs)) return { ...createZipSource(reader), root: abs };
    return createSingleFileSource(basename(abs), reader, abs);
  }
  if (!existsSync(abs))
    throw new EvalError(
      'dataset/missing-dir',
      `Data not found: '${abs}'. Pass --data a folder of the official files, a .zip of them, or an http(s):// URL.`,
    );
  return createFsSource(abs);
}
