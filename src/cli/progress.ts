// The run's progress line on stderr: redrawn in place on a terminal, one line every few seconds otherwise.
import type { RunProgress } from '../core/run';
import type { CliIO } from './io';

export interface ProgressRenderer {
  update(progress: RunProgress): void;
  /** Draws the final state and ends the line. */
  finish(progress: RunProgress | null): void;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatProgress(p: RunProgress, width = 24): string {
  const finished = p.done + p.failed;
  const share = p.total === 0 ? 1 : finished / p.total;
  const filled = Math.round(share * width);
  const bar = '#'.repeat(filled) + '.'.repeat(width - filled);
  const parts = [
    `[${bar}] ${finished}/${p.total} ${(share * 100).toFixed(1)}%`,
    `${p.itemsPerS.toFixed(p.itemsPerS < 10 ? 2 : 1)} items/s`,
    `${Math.round(p.outputTokensPerS)} tok/s`,
    `ETA ${p.etaS === null ? '?' : formatDuration(p.etaS)}`,
    `failed ${p.failed}`,
  ];
  if (p.resumed > 0) parts.push(`resumed ${p.resumed}`);
  if (p.state === 'paused' || p.state === 'cancelling') parts.push(p.state);
  return parts.join('  ');
}

export function createProgressRenderer(
  io: CliIO,
  options: { intervalMs?: number; now?: () => number } = {},
): ProgressRenderer {
  const now = options.now ?? Date.now;
  const intervalMs = options.intervalMs ?? (io.isTTY ? 100 : 5_000);
  let last = -Infinity;
  let drawn = false;
  const draw = (p: RunProgress): void => {
    if (io.isTTY) io.stderr(`\r\x1b[K${formatProgress(p)}`);
    else io.stderr(`${formatProgress(p)}\n`);
    drawn = true;
  };
  return {
    update(p) {
      const t = now();
      if (t - last < intervalMs) return;
      last = t;
      draw(p);
    },
    finish(p) {
      if (p !== null) draw(p);
      if (drawn && io.isTTY) io.stderr('\n');
    },
  };
}
