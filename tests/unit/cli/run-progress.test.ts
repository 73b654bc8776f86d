import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../../src/cli/io';
import { createProgressRenderer, formatDuration, formatProgress } from '../../../src/cli/progress';
import type { RunProgress } from '../../../src/core/run';

const progress = (over: Partial<RunProgress> = {}): RunProgress => ({
  state: 'running',
  total: 200,
  done: 50,
  failed: 2,
  resumed: 10,
  inFlight: 8,
  itemsPerS: 12.5,
  outputTokensPerS: 840.4,
  etaS: 148,
  elapsedMs: 4000,
  outputTokens: 3000,
  ...over,
});

describe('run progress line', () => {
  it('shows done/total, items/s, tokens/s, ETA and failures', () => {
    const line = formatProgress(progress());
    expect(line).toContain('52/200 26.0%');
    expect(line).toContain('12.5 items/s');
    expect(line).toContain('840 tok/s');
    expect(line).toContain('ETA 2m28s');
    expect(line).toContain('failed 2');
    expect(line).toContain('resumed 10');
    expect(formatProgress(progress({ etaS: null, state: 'paused' }))).toMatch(/ETA \?.*paused/);
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(61)).toBe('1m01s');
    expect(formatDuration(3 * 3600 + 7 * 60)).toBe('3h07m');
  });

  it('redraws in place on a terminal; prints throttled lines otherwise', () => {
    let t = 0;
    const tty: string[] = [];
    const ttyIO: CliIO = { stdout: () => undefined, stderr: (s) => void tty.push(s), env: {}, cwd: '/', isTTY: true };
    const r = createProgressRenderer(ttyIO, { now: () => t, intervalMs: 100 });
    r.update(progress());
    r.update(progress({ done: 51 })); // too soon: skipped
    t = 150;
    r.update(progress({ done: 52 }));
    r.finish(progress({ done: 198, state: 'completed', etaS: 0 }));
    expect(tty).toHaveLength(4);
    expect(tty.slice(0, 3).every((s) => s.startsWith('\r\x1b[K'))).toBe(true);
    expect(tty[3]).toBe('\n');
    const plain: string[] = [];
    const pipeIO: CliIO = { ...ttyIO, isTTY: false, stderr: (s) => void plain.push(s) };
    const p = createProgressRenderer(pipeIO, { now: () => t, intervalMs: 5_000 });
    p.update(progress());
    t += 1_000;
    p.update(progress());
    p.finish(progress());
    expect(plain).toHaveLength(2);
    expect(plain.every((s) => s.endsWith('\n') && !s.includes('\x1b'))).toBe(true);
  });
});
