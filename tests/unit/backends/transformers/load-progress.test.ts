// transformers.js reports per file; the backend reports bytes and files as numbers, so no reader parses its text.
import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../../src/core/ports';
import { progressReporter } from '../../../../src/backends/transformers/load-progress';

describe('progressReporter', () => {
  it('sums bytes over files and counts finished files of those seen', () => {
    const seen: LoadProgress[] = [];
    const r = progressReporter((p) => seen.push(p));
    r.callback({ status: 'initiate', file: 'config.json' });
    r.callback({ status: 'progress', file: 'config.json', loaded: 10, total: 10 });
    r.callback({ status: 'done', file: 'config.json' });
    r.callback({ status: 'progress', file: 'onnx/model.onnx', loaded: 50, total: 200 });
    r.callback({ status: 'ready', file: 'onnx/model.onnx' });
    expect(seen.map((p) => [p.filesDone, p.filesTotal, p.loadedBytes, p.totalBytes])).toEqual([
      [0, 1, 0, 0],
      [0, 1, 10, 10],
      [1, 1, 10, 10],
      [1, 2, 60, 210],
    ]);
    expect(seen.at(-1)).toMatchObject({ phase: 'download', file: 'onnx/model.onnx', message: '1/2 files' });
    expect(r.totals()).toEqual({ loadedBytes: 60, totalBytes: 210 });
  });
});
