// The page's ways of handing over data: showDirectoryPicker (Chromium), a dropped folder/files/zip. Each returns a
// SourceSpec (structured-cloneable) for the datasets state; the `<input>` fallbacks live in DatasetLoader.svelte.
import { collectDroppedFiles, type DirectoryHandleLike, type DroppedEntryLike } from '../../../data/browser-files';
import type { SourceSpec } from '../../../data/source-spec';

type PickerWindow = { showDirectoryPicker?: (o?: { mode?: 'read' }) => Promise<DirectoryHandleLike> };

export function hasDirectoryPicker(): boolean {
  return typeof (globalThis as PickerWindow).showDirectoryPicker === 'function';
}

/** A folder from showDirectoryPicker; null when the user cancels. */
export async function pickDirectory(): Promise<SourceSpec | null> {
  const pick = (globalThis as PickerWindow).showDirectoryPicker;
  if (pick === undefined) return null;
  try {
    return { kind: 'directory', handle: await pick({ mode: 'read' }) };
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return null;
    throw e;
  }
}

/** Files from an `<input webkitdirectory>` or `<input type=file>`: one .zip is read as an archive. */
export function specOfFiles(files: FileList | null): SourceSpec | null {
  if (files === null || files.length === 0) return null;
  const list = Array.from(files);
  const only = list[0];
  if (list.length === 1 && only !== undefined && /\.zip$/i.test(only.name)) return { kind: 'zip', file: only };
  const name = only?.webkitRelativePath.split('/')[0] || 'picked files';
  return { kind: 'files', name, files: list.map((file) => ({ path: file.webkitRelativePath || file.name, file })) };
}

/** What was dropped: one .zip file, or files and folders walked into paths. */
export async function specOfDrop(data: DataTransfer | null): Promise<SourceSpec | null> {
  if (data === null) return null;
  const entries = Array.from(data.items).flatMap((i) => {
    const e = i.webkitGetAsEntry() as DroppedEntryLike | null;
    return e === null ? [] : [e];
  });
  const files = await collectDroppedFiles(entries);
  const only = files[0];
  if (files.length === 1 && only !== undefined && /\.zip$/i.test(only.path)) return { kind: 'zip', file: only.file };
  if (files.length === 0) return null;
  const top = entries.length === 1 && entries[0]?.isDirectory ? entries[0].name : 'dropped files';
  return { kind: 'files', name: top, files };
}
