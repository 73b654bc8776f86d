// Picked folders kept across reloads: a FileSystemDirectoryHandle is structured-cloneable, so IndexedDB keeps it;
// after a reload the browser asks again before reading it (queryPermission / requestPermission, Chromium).
import { openDB, type IDBPDatabase } from 'idb';
import type { DirectoryHandleLike } from '../../../data/browser-files';
import type { FolderStore, StoredFolder } from '../../state/dataset-loads.svelte';

const DB = 'medvlm-folders';
const STORE = 'folders';

let db: Promise<IDBPDatabase> | null = null;
const open = (): Promise<IDBPDatabase> =>
  (db ??= openDB(DB, 1, {
    upgrade(d) {
      d.createObjectStore(STORE, { keyPath: 'id' });
    },
  }));

export const idbFolderStore: FolderStore = {
  list: async () => (await (await open()).getAll(STORE)) as StoredFolder[],
  put: async (folder) => void (await (await open()).put(STORE, folder)),
  remove: async (id) => void (await (await open()).delete(STORE, id)),
};

type PermissionHandle = {
  queryPermission?: (o: { mode: 'read' }) => Promise<PermissionState>;
  requestPermission?: (o: { mode: 'read' }) => Promise<PermissionState>;
};

/** The read permission on a kept handle; `ask` shows the browser's prompt (must run inside a click). */
export async function folderPermission(handle: DirectoryHandleLike, ask: boolean): Promise<PermissionState> {
  const h = handle as DirectoryHandleLike & PermissionHandle;
  const call = ask ? h.requestPermission : h.queryPermission;
  // A browser without the permission API (or a handle that needs none, like OPFS) reads it as granted.
  return call === undefined ? 'granted' : call.call(h, { mode: 'read' });
}
