// A model load's progress folded into one view for the Run page: events arrive per network chunk and carry only
// what changed, so each is merged over the previous view (bytes, files and file name stick until replaced).
import type { LoadProgress } from '../../../core/ports';

export interface LoadView {
  phase: LoadProgress['phase'];
  loadedBytes: number;
  totalBytes: number;
  filesDone: number;
  /** Files seen so far (the total grows as a download discovers its files). */
  filesSeen: number;
  file: string;
  message: string;
}

export function foldLoadProgress(prev: LoadView | null, p: LoadProgress): LoadView {
  return {
    phase: p.phase,
    loadedBytes: p.loadedBytes ?? prev?.loadedBytes ?? 0,
    totalBytes: p.totalBytes ?? prev?.totalBytes ?? 0,
    filesDone: p.filesDone ?? prev?.filesDone ?? 0,
    filesSeen: p.filesTotal ?? prev?.filesSeen ?? 0,
    file: p.file ?? prev?.file ?? '',
    message: p.message ?? '',
  };
}

/** A view worth repainting at once (a new phase, or the model ready) rather than with the next coalesced update. */
export function isLoadMilestone(prev: LoadView | null, next: LoadView): boolean {
  return next.phase === 'ready' || prev === null || prev.phase !== next.phase;
}
