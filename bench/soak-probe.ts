// Preloaded into the soak's CLI child (node --expose-gc --import tsx --import ./bench/soak-probe.ts …): the CLI's
// own progress lines on stderr ("[###…] 12345/100000 …", every 5 s when stderr is not a terminal) say how many
// items are finished; the first line at or past each 10,000-item mark is followed by one
// "SOAK_MEM <finished> <heapUsed> <rss> <peakHeapUsed> <peakRss>" line (bytes): heap after a full GC (what is
// retained), RSS, and the peaks sampled every 100 ms since the previous mark; "SOAK_END <peakHeapUsed> <peakRss>" at
// exit. Nothing in src/ knows about it.
const STEP = Number(process.env['SOAK_MEM_STEP'] ?? 10_000);
const forceGc = (globalThis as { gc?: () => void }).gc;
let nextMark = STEP;
let peakHeap = 0;
let peakRss = 0;
const sample = (): void => {
  const m = process.memoryUsage();
  peakHeap = Math.max(peakHeap, m.heapUsed);
  peakRss = Math.max(peakRss, m.rss);
};
setInterval(sample, 100).unref();

const write = process.stderr.write.bind(process.stderr);
const progress = /\] (\d+)\/(\d+) /;
process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
  const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  const m = progress.exec(text);
  const ok = (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  if (m !== null) {
    const finished = Number(m[1]);
    if (finished >= nextMark) {
      sample();
      forceGc?.();
      const after = process.memoryUsage();
      write(`SOAK_MEM ${finished} ${after.heapUsed} ${after.rss} ${peakHeap} ${peakRss}\n`);
      nextMark = (Math.floor(finished / STEP) + 1) * STEP;
      peakHeap = 0;
      peakRss = 0;
    }
  }
  return ok;
}) as typeof process.stderr.write;
// after the last mark the run still reads its results back for the report: that phase's peaks, at exit
process.on('exit', () => void write(`SOAK_END ${peakHeap} ${peakRss}\n`));

// a module, not a global script: its names stay its own
export {};
