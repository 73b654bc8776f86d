// BENCH main_thread_longest_task_ms: the longest task on the page's main thread while the built app (vite build +
// preview) runs a tiny generated Qwen2.5-VL on wasm in headless Chromium, from the Run click to the run's end, over
// two runs in one page: VQA-RAD in a fresh browser profile (the worker compiles onnxruntime's wasm from nothing and
// warms the engine up on a synthetic item before the first real one, all inside the run's window), then SLAKE with
// the model kept loaded. The headline is the longer of the two; each run is also reported on its own, and
// page load apart. Every main-thread task comes from a Chrome trace ('toplevel' RunTask events, wall and CPU time);
// performance.mark()s at each click and run end, traced through 'blink.user_timing', delimit the runs. The Long
// Tasks API (tasks ≥ 50 ms) cross-checks it. On 2 busy cores a task's wall time is mostly waiting for a core
// (compare its CPU time). The bench does not poll the page during a run: an in-page promise says when it ended.
// Diagnosis: MEDVLM_BENCH_TRACE=<file> keeps the trace (MEDVLM_BENCH_TRACE_CATEGORIES adds categories, default the
// DevTools timeline and a CPU profile); MEDVLM_BENCH_CHROMIUM_ARGS passes flags (e.g. --js-flags=--liftoff-only);
// MEDVLM_BENCH_CONSOLE=1 prints the page's and workers' console. Each run also prints the model line the page
// showed (download, device, the warm-up's runs and time) and its five longest tasks with their type and time.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTinyModel } from '../tests/fixtures/tiny-models/write';
import { buildAndPreview, launchChromium, reloadForNewServer, startStaticServer } from '../tests/e2e/support';

const FAMILY = 'qwen2.5-vl';
const MAX_NEW_TOKENS = 24;
// Two runs in the same page, as a user evaluates one slice and then another: the first starts a worker that
// compiles onnxruntime's wasm from nothing (a fresh browser profile) and warms it up; the second reuses the model
// (worker, weights, compiled engine) the first left loaded.
const RUNS = [
  { label: 'first', benchmark: /VQA-RAD/, what: 'VQA-RAD, fresh browser profile' },
  { label: 'second', benchmark: /SLAKE/, what: 'SLAKE, same page, the model kept loaded' },
] as const;
// Every font (family | size | weight | style) in use on the page, with one element that uses it.
const FONTS_IN_USE = `(() => {
  const out = {};
  for (const el of document.querySelectorAll('body *')) {
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    const cs = getComputedStyle(el);
    out[[cs.fontFamily, cs.fontSize, cs.fontWeight, cs.fontStyle].join(' | ')] ??= el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '');
  }
  return out;
})()`;

// Resolves with the status heading's text once it has shown a run in progress and then says Completed, Failed or
// Cancelled (the heading still shows the previous run's end when this starts), and marks the moment. The heading is
// looked up on each change: starting a run renders the plan's panel, with a heading element of its own.
const runEnded = (endMark: string): string => `new Promise((resolve) => {
  let busy = false;
  const done = () => {
    const text = document.getElementById('run-status-heading')?.textContent ?? '';
    if (!/Completed|Failed|Cancelled/.test(text)) { busy = true; return false; }
    if (!busy) return false;
    performance.mark('${endMark}');
    observer.disconnect();
    resolve(text);
    return true;
  };
  const observer = new MutationObserver(done);
  observer.observe(document.getElementById('run-status-heading')?.closest('main') ?? document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
  done();
})`;

// Runs in the page before any of its scripts (a string: tsx would add helpers the page lacks).
const PROBE = `(() => {
  const w = window;
  w.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
})()`;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; renderer_main_thread_task_execution?: { task_type?: string } };
}

interface Task {
  at: number;
  wallMs: number;
  cpuMs: number;
  type: string | undefined;
}

/** The renderer's annotation of a task's kind, without its TASK_TYPE_ prefix (MAIN_THREAD_TASK_QUEUE_ too). */
function taskTypeOf(e: TraceEvent): string | undefined {
  const type = e.args?.renderer_main_thread_task_execution?.task_type;
  return type?.replace(/^TASK_TYPE_/, '').replace(/^MAIN_THREAD_TASK_QUEUE_/, '');
}

interface TaskStats {
  wallMs: number;
  cpuMs: number;
  tasks: number;
  /** The five longest, "wall/cpu type @seconds into the window" (ms). */
  top: string;
}

/**
 * The app page's main-thread tasks from a Chrome trace, in windows between user-timing marks: page load (before the
 * first window) and one entry per [start mark, end mark] window. The page's renderer is the one whose main thread
 * holds the first mark.
 */
async function mainThreadTasks(
  tracePath: string,
  windows: readonly [string, string][],
): Promise<{ load: TaskStats; runs: TaskStats[] }> {
  const parsed = JSON.parse(await readFile(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const markTs = (name: string): TraceEvent & { ts: number } => {
    const e = events.find((x) => x.name === name && x.ts !== undefined);
    if (e?.ts === undefined)
      throw new Error(`the trace holds no '${name}' mark: Chromium changed its user-timing trace events?`);
    return e as TraceEvent & { ts: number };
  };
  const first = markTs(windows[0]?.[0] ?? '');
  const bounds = windows.map(([a, b]) => [markTs(a).ts, markTs(b).ts] as const);
  // A task is the outermost RunTask / ThreadControllerImpl::RunTask (they nest); its type comes from whichever of
  // them carries the renderer's task annotation (e.g. COMPOSITOR for a frame, POSTED_MESSAGE for a worker message).
  const runTasks = events
    .filter(
      (e): e is TraceEvent & { ts: number } =>
        e.ph === 'X' &&
        e.pid === first.pid &&
        e.tid === first.tid &&
        e.ts !== undefined &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'),
    )
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks: Task[] = [];
  for (const e of runTasks) {
    const type = taskTypeOf(e);
    const last = tasks.at(-1);
    if (last && e.ts < last.at + last.wallMs * 1000) {
      last.type ??= type;
      continue;
    }
    tasks.push({ at: e.ts, wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000, type });
  }
  const lists: Task[][] = [[], ...windows.map(() => [])];
  for (const t of tasks) {
    const i = t.at < first.ts ? 0 : bounds.findIndex(([a, b]) => t.at >= a && t.at <= b) + 1;
    if (i > 0 || t.at < first.ts) lists[i]?.push(t);
  }
  const stats = (list: Task[]): TaskStats => ({
    wallMs: Math.max(0, ...list.map((t) => t.wallMs)),
    cpuMs: Math.max(0, ...list.map((t) => t.cpuMs)),
    tasks: list.length,
    top: [...list]
      .sort((a, b) => b.wallMs - a.wallMs)
      .slice(0, 5)
      .map(
        (t) =>
          `${t.wallMs.toFixed(0)}/${t.cpuMs.toFixed(0)} ${t.type ?? '?'} @${((t.at - (list[0]?.at ?? t.at)) / 1e6).toFixed(1)}s`,
      )
      .join(', '),
  });
  return { load: stats(lists[0] ?? []), runs: lists.slice(1).map(stats) };
}

const modelsDir = await mkdtemp(join(tmpdir(), 'medvlm-bench-models-'));
// Printable output, as a real model's: random bytes would make layout wait on font fallback (see model-files.ts).
writeTinyModel(FAMILY, modelsDir, { printableOutput: true });
const models = await startStaticServer(modelsDir);
const app = await buildAndPreview();
const browser = await launchChromium(process.env.MEDVLM_BENCH_CHROMIUM_ARGS?.split(' ').filter(Boolean) ?? []);
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.addInitScript(PROBE);
  const page = await context.newPage();
  if (process.env.MEDVLM_BENCH_CONSOLE) page.on('console', (m) => console.log('# console:', m.text()));
  const tracePath = join(modelsDir, 'trace.json');
  const keepTrace = process.env.MEDVLM_BENCH_TRACE;
  const categories = [
    'toplevel',
    'blink.user_timing',
    'scheduler',
    ...(keepTrace
      ? (
          process.env.MEDVLM_BENCH_TRACE_CATEGORIES ??
          'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,scheduler,disabled-by-default-v8.cpu_profiler'
        ).split(',')
      : []),
  ];
  // The export's host is new to the page's connection policy: add the model and reload through the notice, as a
  // user would, before the traced load.
  await page.goto(`${app.base}#/run`);
  await page.getByText(/^Your models \(\d+\)/).click();
  await page.getByLabel('Hub repo id or base URL').fill(`${models.origin}/${FAMILY}`);
  await page.getByRole('button', { name: 'Add model' }).click();
  await reloadForNewServer(page, models.origin);
  await browser.startTracing(page, { path: tracePath, categories });
  await page.goto(`${app.base}#/run`); // the model added above is still the chosen one (saved)
  await page.getByText(/^Your models \(1\)/).waitFor();
  await page.locator('#run-device').selectOption('wasm');
  await page.getByText('Generation settings').click();
  await page.getByLabel('Max new tokens').fill(String(MAX_NEW_TOKENS));
  const fontsBefore = (await page.evaluate(FONTS_IN_USE)) as Record<string, string>;
  const windows: [string, string][] = [];
  const results: { label: string; items: string; model: string; seconds: number; longTasks: number[] }[] = [];
  for (const [i, run] of RUNS.entries()) {
    for (const other of RUNS) if (other !== run) await page.getByRole('checkbox', { name: other.benchmark }).uncheck();
    await page.getByRole('checkbox', { name: run.benchmark }).check();
    const mark = `medvlm-bench-run-${i}`;
    windows.push([`${mark}-start`, `${mark}-end`]);
    const started = Date.now();
    // The run's window starts here: page load (module evaluation, first render) is measured separately.
    const runStart = (await page.evaluate(`performance.mark('${mark}-start').startTime`)) as number;
    // No polling during the run: one in-page promise settles when the status heading says the run ended (a
    // MutationObserver, a few µs per change). Playwright's locator queries cost the page's main thread 20–80 ms on
    // first use after the click, which the trace counted against the app.
    const ended = page.evaluate(runEnded(`${mark}-end`));
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const text = (await Promise.race([
      ended,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error('the run did not finish within 5 minutes')), 300_000)),
      ),
    ]).finally(() => clearTimeout(timer))) as string;
    if (!/Completed/.test(text))
      throw new Error(`the run ended: ${text} — ${(await page.getByRole('alert').allTextContents()).join(' ')}`);
    const longTasks = (await page.evaluate('window.__longTasks')) as { start: number; duration: number }[];
    const seconds = (Date.now() - started) / 1000;
    results.push({
      label: run.label,
      items: ((await page.getByRole('definition').nth(0).textContent()) ?? '').trim(),
      // No download line when the run reused the kept model: read it without waiting for it.
      model: String(await page.evaluate(`document.querySelector('[aria-label="Model download"]')?.textContent ?? ''`))
        .replace(/\s+/g, ' ')
        .trim(),
      seconds,
      longTasks: longTasks.filter((t) => t.start >= runStart).map((t) => Math.round(t.duration)),
    });
    await page.evaluate('window.__longTasks.length = 0');
  }
  await browser.stopTracing();
  // A font first used mid-run costs a font lookup in the middle of the run (see src/app/components/FontWarmup.svelte).
  const fontsAfter = (await page.evaluate(FONTS_IN_USE)) as Record<string, string>;
  const newFonts = Object.entries(fontsAfter)
    .filter(([k]) => !(k in fontsBefore))
    .map(([k, el]) => `${k} <${el}>`);
  console.log(`# fonts first used mid-run: ${newFonts.length === 0 ? 'none' : newFonts.join('; ')}`);
  const trace = await mainThreadTasks(tracePath, windows);
  if (keepTrace) await copyFile(tracePath, keepTrace);
  for (const [i, r] of results.entries()) {
    const t = trace.runs[i];
    if (t === undefined || t.tasks === 0)
      throw new Error('the trace holds no main-thread tasks in a run: Chromium changed its trace format?');
    if (r.model) console.log(`# ${r.label} run, model: ${r.model}`);
    console.log(
      `# ${r.label} run (${RUNS[i]?.what}): ${r.items} items in ${r.seconds.toFixed(1)} s, ${t.tasks} main-thread tasks; longest (wall/cpu ms, task type, when): ${t.top}; Long Tasks API: ${r.longTasks.join(', ') || 'none'}`,
    );
    console.log(`BENCH main_thread_longest_task_${r.label}_run_ms ${t.wallMs.toFixed(1)} ms`);
    console.log(`BENCH main_thread_longest_task_cpu_${r.label}_run_ms ${t.cpuMs.toFixed(1)} ms`);
  }
  const all = trace.runs;
  console.log(`BENCH main_thread_longest_task_ms ${Math.max(...all.map((t) => t.wallMs)).toFixed(1)} ms`);
  console.log(`BENCH main_thread_longest_task_cpu_ms ${Math.max(...all.map((t) => t.cpuMs)).toFixed(1)} ms`);
  console.log(`BENCH main_thread_long_tasks ${results.reduce((n, r) => n + r.longTasks.length, 0)} count`);
  console.log(`BENCH main_thread_page_load_longest_task_ms ${trace.load.wallMs.toFixed(1)} ms`);
} finally {
  await browser.close();
  await app.close();
  await models.close();
  await rm(modelsDir, { recursive: true, force: true });
}
