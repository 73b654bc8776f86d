// The CLI soak: 100,000 synthetic VQA-RAD items (the OSF release's shape: 'VQA_RAD Dataset Public.json' + tiny PNGs
// in 'VQA_RAD Image Folder/', written to a temp dir) through the real `medvlm-bench run` in a child process (the
// engine, the OpenAI backend, the fsynced JSONL store) against bench/soak-server.ts in a third process, which
// faults ~5% of items (5xx, 429, resets, a torn body, non-JSON, stalls past --timeout), at concurrency 64.
// Checks every item has exactly one result line (duplicates 0, lost 0) and that memory stays flat: the child's heap
// after a full GC and its RSS at every 10,000 finished items (bench/soak-probe.ts), growth = last mark − first.
// Then runs the browser soak (bench/soak-browser.ts). SOAK_ITEMS=<n> for a shorter run; SOAK_BROWSER=0 skips it;
// SOAK_NODE_ARGS adds node flags to the CLI child (e.g. --cpu-prof).
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../src/core/image/png';
import { bench, load } from './bench-output';

const ITEMS = Number(process.env['SOAK_ITEMS'] ?? 100_000);
const STEP = Math.max(1, Math.round(ITEMS / 10));
const CONCURRENCY = 64;
const TIMEOUT_S = 5;
const IMAGES = 64;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

async function writeDataset(dir: string): Promise<void> {
  const images = join(dir, 'VQA_RAD Image Folder');
  await mkdir(images, { recursive: true });
  for (let k = 0; k < IMAGES; k++) {
    const rgb = new Uint8Array(16 * 16 * 3).map((_, i) => (i * 7 + k * 13) % 256);
    await writeFile(join(images, `soak${k}.png`), encodePng(16, 16, rgb));
  }
  const records = Array.from({ length: ITEMS }, (_, i) => ({
    qid: i,
    phrase_type: i % 2 === 0 ? 'test_freeform' : 'test_para',
    image_name: `soak${i % IMAGES}.png`,
    image_organ: ['CHEST', 'HEAD', 'ABD'][i % 3],
    evaluation: 'evaluated',
    question: `[soak-${i}] Is there evidence of a pneumothorax in this image?`,
    answer: i % 3 === 0 ? 'No' : 'Yes',
    answer_type: 'CLOSED',
    question_type: 'PRES',
  }));
  await writeFile(join(dir, 'VQA_RAD Dataset Public.json'), JSON.stringify(records));
}

async function startServer(): Promise<{ url: string; stop: () => Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/soak-server.ts', '--stall-ms', '6000'], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m?.[1] !== undefined) res(m[1]);
    });
    child.on('exit', (code) => rej(new Error(`soak server exited (${code})`)));
  });
  const stop = (): Promise<string> =>
    new Promise((res) => {
      child.on('exit', () => res(/SERVED (\d+ \d+)/.exec(out)?.[1] ?? '? ?'));
      child.stdin.end();
    });
  return { url, stop };
}

interface MemMark {
  finished: number;
  heap: number;
  rss: number;
  peakHeap: number;
  peakRss: number;
}

async function runCli(
  url: string,
  data: string,
  out: string,
): Promise<{
  code: number | null;
  marks: MemMark[];
  endPeak: { heap: number; rss: number } | null;
}> {
  const args = [
    ...(process.env['SOAK_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== ''),
    '--expose-gc',
    '--import',
    'tsx',
    '--import',
    './bench/soak-probe.ts',
    'bin/medvlm-bench.mjs',
    'run',
    '--benchmark',
    'vqa-rad',
    '--data',
    data,
    '--endpoint',
    url,
    '--model',
    'test-model',
    '--model-id',
    'soak-model',
    '--out',
    out,
    '--concurrency',
    String(CONCURRENCY),
    '--timeout',
    String(TIMEOUT_S),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, SOAK_MEM_STEP: String(STEP) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const marks: MemMark[] = [];
  let endPeak: { heap: number; rss: number } | null = null;
  child.stdout.resume(); // the run report: not needed here, the results file is checked instead
  const lines = createInterface({ input: child.stderr });
  lines.on('line', (line) => {
    const end = /^SOAK_END (\d+) (\d+)$/.exec(line);
    if (end !== null) {
      endPeak = { heap: Number(end[1]), rss: Number(end[2]) };
      return;
    }
    const m = /^SOAK_MEM (\d+) (\d+) (\d+) (\d+) (\d+)$/.exec(line);
    if (m === null) {
      process.stderr.write(`  cli: ${line}\n`);
      return;
    }
    const [finished, heap, rss, peakHeap, peakRss] = m.slice(1).map(Number) as [number, number, number, number, number];
    marks.push({ finished, heap, rss, peakHeap, peakRss });
    const mb = (n: number): string => (n / MB).toFixed(1);
    process.stdout.write(
      `soak: ${finished} items  heap ${mb(heap)} MB after GC (peak ${mb(peakHeap)})  rss ${mb(rss)} MB (peak ${mb(peakRss)})  load ${load()}\n`,
    );
  });
  const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
  return { code, marks, endPeak };
}

/** Result lines per item id, by streaming the file (it is never held whole). */
async function countResults(path: string): Promise<{ perId: Map<string, number>; errors: number }> {
  const perId = new Map<string, number>();
  let errors = 0;
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as { type?: string; id?: string; error?: unknown };
    if (record.type === 'manifest' || record.id === undefined) continue;
    perId.set(record.id, (perId.get(record.id) ?? 0) + 1);
    if (record.error !== undefined) errors += 1;
  }
  return { perId, errors };
}

const dir = await mkdtemp(join(tmpdir(), 'medvlm-soak-'));
try {
  const data = join(dir, 'vqa-rad');
  await writeDataset(data);
  const out = join(dir, 'results.jsonl');
  const server = await startServer();
  process.stdout.write(`soak: ${ITEMS} items, concurrency ${CONCURRENCY}, ~5% faulted, load ${load()}\n`);
  const started = performance.now();
  const { code, marks, endPeak } = await runCli(server.url, data, out);
  const seconds = (performance.now() - started) / 1000;
  const served = await server.stop();
  const { perId, errors } = await countResults(out);
  let duplicates = 0;
  let lost = 0;
  for (let i = 0; i < ITEMS; i++) {
    const n = perId.get(String(i)) ?? 0;
    if (n === 0) lost += 1;
    else duplicates += n - 1;
  }
  const strangers = [...perId.keys()].filter((id) => !/^\d+$/.test(id) || Number(id) >= ITEMS).length;
  process.stdout.write(
    `soak: CLI exit ${code}, ${seconds.toFixed(0)} s, server requests/faults injected ${served}, load ${load()}\n`,
  );
  bench('soak_items', perId.size, 'items');
  bench('soak_duplicates', duplicates, 'count');
  bench('soak_lost', lost, 'count');
  bench('soak_unknown_ids', strangers, 'count');
  bench('soak_failed_results', errors, 'count');
  bench('soak_items_per_s', (ITEMS / seconds).toFixed(1), 'items/s');
  const first = marks[0];
  const last = marks[marks.length - 1];
  if (first !== undefined && last !== undefined && marks.length >= 2) {
    bench('soak_heap_growth_mb', ((last.heap - first.heap) / MB).toFixed(1), 'MB');
    bench('soak_rss_growth_mb', ((last.rss - first.rss) / MB).toFixed(1), 'MB');
    bench('soak_peak_rss_mb', (Math.max(...marks.map((m) => m.peakRss)) / MB).toFixed(1), 'MB');
  } else {
    process.stdout.write(`soak: only ${marks.length} memory marks: no growth figure\n`);
  }
  if (endPeak !== null) bench('soak_report_peak_rss_mb', (endPeak.rss / MB).toFixed(1), 'MB'); // the run report after the last mark
  bench('soak_load_avg_1m', loadavg()[0]?.toFixed(2) ?? '?', 'load');
  if (code !== 0 || duplicates > 0 || lost > 0 || strangers > 0) process.exitCode = 1;
} finally {
  await rm(dir, { recursive: true, force: true });
}
if (process.env['SOAK_BROWSER'] !== '0') {
  const code = await new Promise<number | null>((res) =>
    spawn(process.execPath, ['--import', 'tsx', 'bench/soak-browser.ts'], { cwd: ROOT, stdio: 'inherit' }).on(
      'exit',
      (c) => res(c),
    ),
  );
  if (code !== 0) process.exitCode = 1;
}
