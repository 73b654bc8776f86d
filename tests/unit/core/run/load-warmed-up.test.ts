// Loading and warming up as one preparing phase (what the inference worker does when the app asks for warmUp).
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../../src/backends/scripted';
import type { LoadProgress } from '../../../../src/core/ports';
import { loadWarmedUp } from '../../../../src/core/run';
import type { GenerateRequest } from '../../../../src/core/types';

const QUICK = { blockRuns: 2, blockMs: 0, improvement: 0.1, spread: 1, patience: 1, maxRuns: 50, maxMs: 10_000 };

describe('loadWarmedUp', () => {
  it('holds the load back from ready until the warm-up settles, then says so in the one ready message', async () => {
    const requests: GenerateRequest[] = [];
    const backend = createScriptedBackend({
      script: ({ request }) => {
        requests.push(request);
        return '\\boxed{A}';
      },
    });
    const progress: LoadProgress[] = [];
    const report = await loadWarmedUp(backend, (p) => progress.push(p), { isDisposed: () => false, warmUp: QUICK });

    expect(report.runs).toBe(requests.length);
    expect(report.runs).toBeGreaterThanOrEqual(2 * QUICK.blockRuns);
    expect(progress.map((p) => p.phase)).toEqual(['compile', 'ready']);
    expect(progress[0]?.message).toMatch(/warming up/);
    expect(progress[1]?.message).toMatch(new RegExp(`^scripted model; warmed up in ${report.runs} runs`));
    // every run is the one synthetic request: a resolved PNG and the paper's prompt
    expect(new Set(requests).size).toBe(1);
    const image = requests[0]?.messages[0]?.content.find((p) => p.type === 'image');
    expect(image?.type === 'image' && [...image.image.bytes.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
  });

  it('fails with backend/disposed when the model is unloaded during the warm-up', async () => {
    let disposed = false;
    const backend = createScriptedBackend({
      script: () => {
        disposed = true;
        return 'x';
      },
    });
    const progress: LoadProgress[] = [];
    await expect(
      loadWarmedUp(backend, (p) => progress.push(p), { isDisposed: () => disposed, warmUp: QUICK }),
    ).rejects.toMatchObject({ code: 'backend/disposed' });
    expect(progress.some((p) => p.phase === 'ready')).toBe(false);
  });

  it('turns a warm-up generation that fails on a disposed model into backend/disposed, and passes other failures on', async () => {
    let disposed = false;
    const failing = createScriptedBackend({
      script: () => {
        disposed = true;
        throw new Error('session released');
      },
    });
    await expect(loadWarmedUp(failing, undefined, { isDisposed: () => disposed, warmUp: QUICK })).rejects.toMatchObject(
      {
        code: 'backend/disposed',
      },
    );
    const broken = createScriptedBackend({
      script: () => {
        throw new Error('kernel missing');
      },
    });
    await expect(loadWarmedUp(broken, undefined, { isDisposed: () => false, warmUp: QUICK })).rejects.toThrow(
      'kernel missing',
    );
  });
});
