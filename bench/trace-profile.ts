// For MEDVLM_BENCH_PROFILE=1: where a traced span's CPU time went, per thread (page, data worker), from the V8
// sampling profiler's trace events (category disabled-by-default-v8.cpu_profiler). Prints each thread's sampled
// total, idle and GC time, and its functions by self time, so a slow load is diagnosed from measurements.

interface CallFrame {
  functionName: string;
  url?: string;
  lineNumber?: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface ChunkData {
  cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
  timeDeltas?: number[];
}
export interface ProfileEvent {
  name: string;
  id?: string;
  pid: number;
  tid: number;
  ts?: number;
  args?: { data?: ChunkData & { startTime?: number } };
}

const fileOf = (f: CallFrame): string => (f.url ?? '').slice((f.url ?? '').lastIndexOf('/') + 1);
const short = (f: CallFrame): string => `${f.functionName || '(anonymous)'} ${fileOf(f)}:${(f.lineNumber ?? 0) + 1}`;

/** Prints per profiled thread: sampled ms within [from, to] (trace µs) and the top functions by self time. */
export function printProfile(events: readonly ProfileEvent[], from: number, to: number, top = 25): void {
  const profiles = new Map<string, { start: number; nodes: Map<number, ProfileNode>; samples: [number, number][] }>();
  for (const e of events) {
    if (e.name === 'Profile' && e.id !== undefined)
      profiles.set(e.id, { start: e.args?.data?.startTime ?? e.ts ?? 0, nodes: new Map(), samples: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.id === undefined) continue;
    const p = profiles.get(e.id);
    const d = e.args?.data;
    if (p === undefined || d === undefined) continue;
    for (const n of d.cpuProfile?.nodes ?? []) p.nodes.set(n.id, n);
    const samples = d.cpuProfile?.samples ?? [];
    const deltas = d.timeDeltas ?? [];
    let t = p.samples.length > 0 ? (p.samples[p.samples.length - 1]?.[1] ?? p.start) : p.start;
    samples.forEach((s, i) => {
      t += deltas[i] ?? 0;
      p.samples.push([s, t]);
    });
  }
  for (const [id, p] of profiles) {
    const self = new Map<string, number>();
    const byFile = new Map<string, number>();
    let total = 0;
    p.samples.sort((a, b) => a[1] - b[1]);
    for (let i = 0; i + 1 < p.samples.length; i++) {
      const [node, t] = p.samples[i] ?? [0, 0];
      const next = p.samples[i + 1]?.[1] ?? t;
      if (t < from || t > to) continue;
      const dt = (next - t) / 1000;
      const n = p.nodes.get(node);
      if (n === undefined) continue;
      const name = short(n.callFrame);
      self.set(name, (self.get(name) ?? 0) + dt);
      if (n.callFrame.functionName !== '(idle)') total += dt;
      const file = fileOf(n.callFrame) || n.callFrame.functionName;
      byFile.set(file, (byFile.get(file) ?? 0) + dt);
    }
    if (total < 1) continue;
    const urls = new Set([...p.nodes.values()].map((n) => fileOf(n.callFrame)));
    const who = [...urls].find((u) => u.includes('worker')) ?? [...urls].find((u) => u.startsWith('index')) ?? id;
    console.log(`profile ${id} (${who}): ${total.toFixed(0)} ms busy`);
    console.log(
      '  by file: ' +
        [...byFile]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 8)
          .map(([n, d]) => `${n} ${d.toFixed(0)}`)
          .join(' | '),
    );
    for (const [n, d] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`  ${d.toFixed(0).padStart(6)} ${n}`);
  }
}
