// globalSetup of the browser project (runs in Node): two static servers for the data-source tests, one
// sending CORS headers and one not, serving the shared samples and zips built from them; plus the items Node
// loads from those folders, which every browser source must reproduce.
import type { TestProject } from 'vitest/node';
import { loadBenchmark } from '../../src/core/benchmarks';
import type { Item } from '../../src/core/types';
import { createFsSource } from '../../src/data/fs';
import { HAVE_SHARED, SHARED_DATASETS, sharedPath } from '../support/shared-datasets';
import { startStaticServer } from '../support/static-server';
import { filesOf, zipFolder } from '../support/zip-build';

export interface DataServers {
  /** False when ../shared/datasets is absent (the suite then skips by name). */
  shared: boolean;
  cors: string;
  noCors: string;
  /** Relative paths of each shared folder, to fetch them into File objects. */
  files: Record<string, string[]>;
  expected: Record<string, Item[]>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    dataServers: DataServers;
  }
}

const FOLDERS = ['vqa-rad', 'slake'] as const;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const zips: Record<string, Uint8Array> = {};
  const files: Record<string, string[]> = {};
  const expected: Record<string, Item[]> = {};
  if (HAVE_SHARED) {
    for (const folder of FOLDERS) {
      zips[`zips/${folder}.zip`] = zipFolder(sharedPath(folder), { topFolder: folder });
      files[folder] = Object.keys(filesOf(sharedPath(folder)));
      expected[folder] = (await loadBenchmark(createFsSource(sharedPath(folder)), folder)).items;
    }
  }
  const root = HAVE_SHARED ? SHARED_DATASETS : undefined;
  const cors = await startStaticServer({ ...(root === undefined ? {} : { root }), files: zips });
  const noCors = await startStaticServer({ ...(root === undefined ? {} : { root }), files: zips, cors: false });
  project.provide('dataServers', { shared: HAVE_SHARED, cors: cors.url, noCors: noCors.url, files, expected });
  return async () => {
    await Promise.all([cors.close(), noCors.close()]);
  };
}
