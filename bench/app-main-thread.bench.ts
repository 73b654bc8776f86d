// BENCH main_thread_longest_task_ms: the longest task on the page's main thread while the built app (vite build +
// preview) runs a tiny generated Qwen2.5-VL on wasm over the VQA-RAD demo slice in headless Chromium, from the Run
// click to the run's end (page load is reported apart). Every main-thread task comes from a Chrome trace
// ('toplevel' RunTask events, wall and CPU time); a performance.mark() at the click, traced through
// 'blink.user_timing', splits run from page load. The Long Tasks API (tasks ≥ 50 ms) cross-checks it; it misses
// tasks the trace sees, so the headline is the trace's (stricter) wall time. On 2 busy cores a task's wall time
// is mostly waiting for a core or another process (compare its CPU time).
// The bench does not poll the page during the run: one in-page promise (a MutationObserver) says when it ended.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeTinyModel } from '../tests/fixtures/tiny-models/write';
import { buildAndPreview, launchChromium, startStaticServer } from '../tests/e2e/support';

const FAMILY = 'qwen2.5-vl';
const MAX_NEW_TOKENS = 24;
const BENCHMARK = /VQA-RAD/;
const RUN_MARK = 'medvlm-bench-run-start';
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

// Resolves with the status heading's text once it says Completed, Failed or Cancelled.
const RUN_ENDED = `new Promise((resolve) => {
  const heading = document.getElementById('run-status-heading');
  const done = () => {
    const text = heading.textContent ?? '';
    if (/Completed|Failed|Cancelled/.test(text)) { observer.disconnect(); resolve(text); return true; }
    return false;
  };
  const observer = new MutationObserver(done);
  observer.observe(heading, { subtree: true, childList: true, characterData: true });
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
  args?: { name?: string };
}

interface TaskStats {
  wallMs: number;
  cpuMs: number;
  tasks: number;
}

/**
 * The app page's main-thread tasks from a Chrome trace, split at the mark: before (page load) and after (the run).
 * The page's renderer is the one whose main thread holds the mark.
 */
async function mainThreadTasks(tracePath: string, mark: string): Promise<{ load: TaskStats; run: TaskStats; top: string }> {
  const parsed = JSON.parse(await readFile(tracePath, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const markEvent = events.find((e) => e.name === mark && e.ts !== undefined);
  if (markEvent?.ts === undefined) throw new Error(`the trace holds no '${mark}' mark: Chromium changed its user-timing trace events?`);
  const markTs = markEvent.ts;
  const empty = (): TaskStats => ({ wallMs: 0, cpuMs: 0, tasks: 0 });
  const load = empty();
  const run = empty();
  const inRun: [number, number][] = [];
  for (const e of events) {
    if (e.ph !== 'X' || e.pid !== markEvent.pid || e.tid !== markEvent.tid) continue;
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    const wall = (e.dur ?? 0) / 1000;
    const cpu = (e.tdur ?? 0) / 1000;
    const into = (e.ts ?? 0) >= markTs ? run : load;
    into.tasks += 1;
    into.wallMs = Math.max(into.wallMs, wall);
    into.cpuMs = Math.max(into.cpuMs, cpu);
    if (into === run) inRun.push([wall, cpu]);
  }
  const top = inRun.sort((a, b) => b[0] - a[0]).slice(0, 5).map(([w, c]) => `${w.toFixed(0)}/${c.toFixed(0)}`).join(', ');
  return { load, run, top };
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
  const tracePath = join(modelsDir, 'trace.json');
  // MEDVLM_BENCH_TRACE=<file> keeps the trace, with the DevTools timeline categories, to open in DevTools / Perfetto.
  const keepTrace = process.env.MEDVLM_BENCH_TRACE;
  const categories = ['toplevel', 'blink.user_timing', ...(keepTrace ? (process.env.MEDVLM_BENCH_TRACE_CATEGORIES ?? 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,scheduler,disabled-by-default-v8.cpu_profiler').split(',') : [])];
  await browser.startTracing(page, { path: tracePath, categories });
  await page.goto(`${app.base}#/run`);
  await page.getByText(/^Your models \(\d+\)/).click();
  await page.getByLabel('Hub repo id or base URL').fill(`${models.origin}/${FAMILY}`);
  await page.getByRole('button', { name: 'Add model' }).click();
  await page.locator('#run-device').selectOption('wasm');
  await page.getByText('Generation settings').click();
  await page.getByLabel('Max new tokens').fill(String(MAX_NEW_TOKENS));
  await page.getByRole('checkbox', { name: BENCHMARK }).check();
  const fontsBefore = (await page.evaluate(FONTS_IN_USE)) as Record<string, string>;
  const started = Date.now();
  // The run's window starts here: page load (module evaluation, first render) is measured separately.
  const runStart = (await page.evaluate(`performance.mark('${RUN_MARK}').startTime`)) as number;
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  // No polling from here on: one in-page promise settles when the status heading says the run ended (a
  // MutationObserver, a few µs per change). Playwright's locator queries cost the page's main thread 20–80 ms on first
  // use after the click, which the trace counted against the app.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ended = (await Promise.race([
    page.evaluate(RUN_ENDED),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the run did not finish within 5 minutes')), 300_000))),
  ]).finally(() => clearTimeout(timer))) as string;
  if (!/Completed/.test(ended)) throw new Error(`the run ended: ${ended} — ${(await page.getByRole('alert').allTextContents()).join(' ')}`);
  await browser.stopTracing();
  // A font first used mid-run costs a font lookup in the middle of the run (see src/app/components/FontWarmup.svelte).
  const fontsAfter = (await page.evaluate(FONTS_IN_USE)) as Record<string, string>;
  const newFonts = Object.entries(fontsAfter).filter(([k]) => !(k in fontsBefore)).map(([k, el]) => `${k} <${el}>`);
  console.log(`# fonts first used mid-run: ${newFonts.length === 0 ? 'none' : newFonts.join('; ')}`);
  const trace = await mainThreadTasks(tracePath, RUN_MARK);
  if (keepTrace) await copyFile(tracePath, keepTrace);
  if (trace.run.tasks === 0) throw new Error('the trace holds no main-thread tasks after the mark: Chromium changed its trace format?');
  const items = ((await page.getByRole('definition').nth(0).textContent()) ?? '').trim();
  const longTasks = (await page.evaluate('window.__longTasks')) as { start: number; duration: number }[];
  const longInRun = longTasks.filter((t) => t.start >= runStart).map((t) => Math.round(t.duration));
  if (keepTrace) console.log(`# long tasks (ms after the mark: duration): ${longTasks.filter((t) => t.start >= runStart).map((t) => `${(t.start - runStart).toFixed(1)}: ${t.duration}`).join(', ')}`);
  console.log(`# run: ${items} items in ${((Date.now() - started) / 1000).toFixed(1)} s, ${trace.run.tasks} main-thread tasks; longest (wall/cpu ms): ${trace.top}; Long Tasks API during the run: ${longInRun.join(', ') || 'none'}`);
  console.log(`BENCH main_thread_longest_task_ms ${trace.run.wallMs.toFixed(1)} ms`);
  console.log(`BENCH main_thread_longest_task_cpu_ms ${trace.run.cpuMs.toFixed(1)} ms`);
  console.log(`BENCH main_thread_long_tasks ${longInRun.length} count`);
  console.log(`BENCH main_thread_longest_long_task_api_ms ${(longInRun.length > 0 ? Math.max(...longInRun) : 0).toFixed(1)} ms`);
  console.log(`BENCH main_thread_page_load_longest_task_ms ${trace.load.wallMs.toFixed(1)} ms`);
} finally {
  await browser.close();
  await app.close();
  await models.close();
  await rm(modelsDir, { recursive: true, force: true });
}
