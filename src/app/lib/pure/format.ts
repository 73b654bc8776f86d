// Number formatting shared by the tables page: the paper prints accuracies to 4 decimals.
export function formatAccuracy(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : '—';
}

export function formatDiff(d: number): string {
  const s = d.toFixed(4);
  return d > 0 ? `+${s}` : s;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * "2026-11-27 21:56" in local time, from Date's getters. Not toLocaleString(): its first call in a page loads the
 * ICU date formats (≈ 30 ms of main-thread CPU measured by `npm run bench:app`, at the end of every run).
 */
export function formatTimestamp(when: string | number): string {
  const d = new Date(when);
  if (!Number.isFinite(d.getTime())) return '—';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
