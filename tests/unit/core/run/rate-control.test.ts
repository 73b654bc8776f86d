import { describe, expect, it } from 'vitest';
import { createRunControl } from '../../../../src/core/run';
import { createRateMeter } from '../../../../src/core/run/rate';

describe('rate meter', () => {
  it('reports items/s and tokens/s over the recent window only', () => {
    let t = 0;
    const meter = createRateMeter(10_000, () => t);
    expect(meter.rates()).toEqual({ itemsPerS: 0, outputTokensPerS: 0 });
    for (let i = 0; i < 20; i++) {
      t += 500;
      meter.record(100);
    }
    // 20 items in 10 s
    expect(meter.rates().itemsPerS).toBeCloseTo(2, 6);
    expect(meter.rates().outputTokensPerS).toBeCloseTo(200, 6);
    t += 5_000; // nothing new: items before 5 s drop out; those at 5.0–10.0 s (11) remain
    expect(meter.rates().itemsPerS).toBeCloseTo(11 / 10, 6);
    t += 20_000;
    expect(meter.rates()).toEqual({ itemsPerS: 0, outputTokensPerS: 0 });
  });
});

describe('run control', () => {
  it('pauses, resumes and cancels, notifying listeners and aborting its signal', async () => {
    const control = createRunControl();
    const seen: string[] = [];
    control.onChange((s) => seen.push(s));
    await control.whenRunning();
    control.pause();
    let resumed = false;
    const waiting = control.whenRunning().then(() => (resumed = true));
    await new Promise((r) => setTimeout(r, 5));
    expect(resumed).toBe(false);
    control.resume();
    await waiting;
    expect(resumed).toBe(true);
    control.pause();
    const wokenByCancel = control.whenRunning();
    control.cancel();
    await wokenByCancel;
    expect(control.signal.aborted).toBe(true);
    control.resume(); // cancelled is final
    expect(control.state).toBe('cancelled');
    expect(seen).toEqual(['paused', 'running', 'paused', 'cancelled']);
  });
});
