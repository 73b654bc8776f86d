// Turns transformers.js progress events (per file) into LoadProgress: bytes so far / total, files done / seen.

import type { LoadProgress } from '../../core/ports';

interface ProgressEvent {
  status: string;
  file?: string;
  loaded?: number;
  total?: number;
}

export interface ProgressReporter {
  callback: (event: unknown) => void;
  totals(): { loadedBytes: number; totalBytes: number };
}

export function progressReporter(onProgress?: (p: LoadProgress) => void): ProgressReporter {
  const files = new Map<string, { loaded: number; total: number; done: boolean }>();
  const totals = (): { loadedBytes: number; totalBytes: number } => {
    let loadedBytes = 0;
    let totalBytes = 0;
    for (const f of files.values()) {
      loadedBytes += f.loaded;
      totalBytes += f.total;
    }
    return { loadedBytes, totalBytes };
  };
  const callback = (raw: unknown): void => {
    const e = raw as ProgressEvent;
    if (!e || typeof e.file !== 'string') return;
    const entry = files.get(e.file) ?? { loaded: 0, total: 0, done: false };
    if (e.status === 'progress') {
      entry.loaded = e.loaded ?? entry.loaded;
      entry.total = e.total ?? entry.total;
    } else if (e.status === 'done') {
      entry.done = true;
      entry.loaded = Math.max(entry.loaded, entry.total);
    } else if (e.status !== 'initiate' && e.status !== 'download') {
      return;
    }
    files.set(e.file, entry);
    const done = [...files.values()].filter((f) => f.done).length;
    onProgress?.({
      phase: 'download',
      file: e.file,
      ...totals(),
      filesDone: done,
      filesTotal: files.size,
      message: `${done}/${files.size} files`,
    });
  };
  return { callback, totals };
}
