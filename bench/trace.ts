// Reading Chrome traces for the browser benches: the page's main-thread tasks between two user-timing marks
// (performance.mark, traced through 'blink.user_timing'), from 'toplevel' RunTask events.
import { readFile } from 'node:fs/promises';
import { printProfile, type ProfileEvent } from './trace-profile';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  /** Thread (CPU) time. */
  tdur?: number;
  /** The thread's CPU clock at the event (µs). */
  tts?: number;
}

/** A trace's events and the two marks (each with its timestamp). */
async function marksIn(
  tracePath: string,
  from: string,
  to: string,
): Promise<{ events: TraceEvent[]; a: TraceEvent & { ts: number }; b: TraceEvent & { ts: number } }> {
  const parsed = JSON.parse(await readFile(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const a = events.find((e) => e.name === from && e.ts !== undefined);
  const b = events.find((e) => e.name === to && e.ts !== undefined);
  if (a?.ts === undefined || b?.ts === undefined) throw new Error(`the trace holds no '${from}' / '${to}' marks`);
  return { events, a: { ...a, ts: a.ts }, b: { ...b, ts: b.ts } };
}

/**
 * Main-thread time between two marks: the wall time from one to the other, and the thread's CPU time in between —
 * on a loaded machine the first is mostly waiting for a core, the second is the work.
 * MEDVLM_BENCH_PROFILE=1 also prints where that CPU time went (needs the profiler category in the trace).
 */
export async function spanTimes(
  tracePath: string,
  from: string,
  to: string,
): Promise<{ wallMs: number; cpuMs: number }> {
  const { events, a, b } = await marksIn(tracePath, from, to);
  // A mark carries its thread's CPU clock (tts): the difference is every bit of main-thread work in between —
  // tasks, microtask checkpoints (where most promise-driven work runs, outside any RunTask event) and GC.
  if (a.tts === undefined || b.tts === undefined) throw new Error(`the '${from}' / '${to}' marks carry no thread time`);
  if (process.env['MEDVLM_BENCH_PROFILE'] === '1') printProfile(events as ProfileEvent[], a.ts, b.ts);
  return { wallMs: (b.ts - a.ts) / 1000, cpuMs: (b.tts - a.tts) / 1000 };
}

/**
 * The longest main-thread task between two marks by wall time, and the most CPU time any of them took: on a busy
 * machine a task's wall time is mostly waiting for a core.
 */
export async function longestTasks(
  tracePath: string,
  from: string,
  to: string,
  /** Also count microtask checkpoints, which Chrome traces as top-level events beside RunTask (promise work). */
  microtasks = false,
): Promise<{ wallMs: number; cpuMs: number }> {
  const { events, a, b } = await marksIn(tracePath, from, to);
  const counted = (name: string): boolean =>
    name === 'RunTask' ||
    name === 'ThreadControllerImpl::RunTask' ||
    (microtasks && name === 'BlinkScheduler_PerformMicrotaskCheckpoint');
  const all: number[] = [];
  const cpu = new Map<number, number>();
  let cpuMax = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== a.pid || e.tid !== a.tid || e.ts === undefined) continue;
    if (!counted(e.name)) continue;
    if (e.ts + (e.dur ?? 0) < a.ts || e.ts > b.ts) continue;
    all.push((e.dur ?? 0) / 1000);
    cpu.set((e.dur ?? 0) / 1000, (e.tdur ?? 0) / 1000);
    cpuMax = Math.max(cpuMax, (e.tdur ?? 0) / 1000);
  }
  all.sort((x, y) => y - x);
  // MEDVLM_BENCH_PROFILE=1: where each thread's CPU time went between the marks (needs the profiler categories)
  if (process.env['MEDVLM_BENCH_PROFILE'] === '1') printProfile(events as ProfileEvent[], a.ts, b.ts);
  if (process.env['MEDVLM_BENCH_DIAG'] === '1') {
    // What ran inside the longest task: its direct children by total time (needs the devtools categories).
    const top = events.find(
      (e) => e.ph === 'X' && e.pid === a.pid && e.tid === a.tid && counted(e.name) && (e.dur ?? 0) / 1000 === all[0],
    );
    const inside = new Map<string, number>();
    for (const e of events)
      if (
        top?.ts !== undefined &&
        e.ph === 'X' &&
        e.tid === a.tid &&
        e.pid === a.pid &&
        e.ts !== undefined &&
        e !== top
      )
        if (e.ts >= top.ts && e.ts <= top.ts + (top.dur ?? 0))
          inside.set(e.name, (inside.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
    console.log(
      [...inside]
        .sort((x, y) => y[1] - x[1])
        .slice(0, 12)
        .map(([n, d]) => `${n} ${d.toFixed(0)}`)
        .join(' | '),
    );
  }
  console.log(
    `main-thread tasks between ${from} and ${to}: ${all.length}, longest ${all
      .slice(0, 5)
      .map((t) => `${t.toFixed(0)} (cpu ${(cpu.get(t) ?? 0).toFixed(0)})`)
      .join(', ')} ms`,
  );
  return { wallMs: all[0] ?? 0, cpuMs: cpuMax };
}
