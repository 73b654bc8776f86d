// Number formatting shared by the tables page: the paper prints accuracies to 4 decimals.
export function formatAccuracy(v: number): string {
  return Number.isFinite(v) ? v.toFixed(4) : '—';
}

export function formatDiff(d: number): string {
  const s = d.toFixed(4);
  return d > 0 ? `+${s}` : s;
}
