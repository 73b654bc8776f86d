// The datasets the pages read, wired to the page: each load runs in its own data worker, which keeps the items
// (src/app/workers.ts); images are read from the source reopened on the page; URLs are remembered in localStorage
// (their bytes kept in Cache Storage), picked folders' handles in IndexedDB.
import { DATASET_CACHE } from '../../core/dataset-cache-key';
import { openSource } from '../../data/source-spec';
import { ensureConnectable } from '../lib/dom/connect-policy';
import { folderPermission, idbFolderStore } from '../lib/dom/folder-store';
import { webStorage } from '../lib/dom/web-storage';
import { openDatasetInWorker } from '../job-workers';
import { Datasets } from './dataset-loads.svelte';

export type { LoadedDataset } from './dataset-loads.svelte';

export const datasets = new Datasets({
  load: openDatasetInWorker,
  open: openSource,
  kv: webStorage('local'),
  folders: idbFolderStore,
  permission: folderPermission,
  urlCache: DATASET_CACHE,
  ensureConnectable,
});
