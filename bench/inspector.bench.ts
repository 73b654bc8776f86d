// BENCH inspector_*: an 89k-item synthetic results file (OmniMedVQA-sized, outputs of 200–1,200 characters with a
// think block in a third of them, metadata and tags) imported on the inspector page of the built app in headless
// Chromium through the page's own file input (the existing import path), then browsed.
//   inspector_open_ms: from the input's change event to the first painted item row, timed in the page. A file this
//     large is read as a stream and its first lines are listed while the rest is read (imports.svelte.ts).
//   inspector_all_items_ms: from the same event to every item listed, the count saying "88996 of 88996 items" (read,
//     parse, check, merge, index, filter, list): the whole import.
//   inspector_filter_ms: the outcome filter set to "wrong", then a text search over every item's output and id,
//     each timed from its event to the DOM showing the expected count (computed here from the generated data);
//     the figure is the two added. No dataset is loaded, so the search covers outputs and ids, not questions.
//   inspector_all_items_vs_json_parse: inspector_all_items_ms over the same page fetching the file and JSON.parse-ing
//     each line (no checks, no state, no rendering): the part of the figure a busy machine does not explain.
//   inspector_open_cpu_ms / inspector_all_items_cpu_ms / inspector_filter_cpu_ms: the page's main-thread CPU time within the same spans (the
//     thread clock of the marks the timers set, from a Chrome trace): the work, without the waits a loaded
//     machine adds (the data worker's time, if any, is not in it). MEDVLM_BENCH_PROFILE=1 adds the V8 sampling
//     profiler to those traces and prints where the CPU time of each span went (bench/trace-profile.ts).
//   inspector_longest_task_ms: the longest main-thread task from a Chrome trace ('toplevel' RunTask events and
//     the microtask checkpoints Chrome traces beside them, where promise-driven work such as a time-sliced filter
//     runs; bench/trace.ts) between two marks around scrolling the list end to end, keyboard navigation and the
//     filters;
//     inspector_longest_task_cpu_ms is the most CPU time any task there took (on a busy machine a task's wall time
//     is mostly waiting for a core). The load average is printed with the figures. MEDVLM_BENCH_DIAG=1 adds the
//     DevTools categories and what ran inside each window's longest task.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowOrigins, buildAndPreview, launchChromium } from '../tests/e2e/support';
import { startStaticServer } from '../tests/support/static-server';
import { RESULTS_FORMAT_VERSION } from '../src/core/types';
import type { ItemResult, RunManifest } from '../src/core/types';
import { mulberry32 } from '../tests/support/prng';
import { longestTasks, spanTimes } from './trace';

// MEDVLM_BENCH_ITEMS runs a smaller file (to diagnose); the figures are for the default.
const ITEMS = Number(process.env['MEDVLM_BENCH_ITEMS'] ?? 88_996);
const NEEDLE = 'hyperintense';
const WORDS = (
  'the image shows a lesion in the left lobe with surrounding edema consistent with infarction mass ' +
  'contrast enhancement suggests a benign process however the margins are irregular and ill defined ' +
  'findings on this scan favour inflammation over neoplasm given the distribution pattern of the opacity'
).split(' ');
const MODALITIES = ['CT', 'MRI', 'X-Ray', 'Ultrasound', 'Dermoscopy', 'Fundus', 'Microscopy', 'OCT'];
const QTYPES = ['Modality Recognition', 'Anatomy Identification', 'Disease Diagnosis', 'Lesion Grading', 'Other'];

/** The results file and what a filter of "wrong" plus the needle must keep. */
function makeResults(): { text: string; wrongWithNeedle: number; wrong: number } {
  const rand = mulberry32(11);
  const manifest: RunManifest = {
    type: 'manifest',
    formatVersion: RESULTS_FORMAT_VERSION,
    appVersion: 'bench',
    benchmark: 'omnimedvqa',
    benchmarkVersion: '1',
    variant: 'open-access',
    model: 'bench-model',
    backend: 'import',
    backendModel: 'bench-model',
    promptVersion: '1',
    extractorVersion: '1',
    dataHash: 'unknown',
    itemIdsHash: 'unknown',
    generation: { maxNewTokens: 1024, temperature: 0 },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  const lines = [JSON.stringify(manifest)];
  let wrong = 0;
  let wrongWithNeedle = 0;
  for (let i = 0; i < ITEMS; i++) {
    const words: string[] = [];
    const target = 200 + Math.floor(rand() * 1000);
    let length = 0;
    while (length < target) {
      const w = rand() < 0.002 ? NEEDLE : (WORDS[Math.floor(rand() * WORDS.length)] ?? 'x');
      words.push(w);
      length += w.length + 1;
    }
    const gold = 'ABCD'[i % 4] ?? 'A';
    const letter = rand() < 0.6 ? gold : ('ABCD'[Math.floor(rand() * 4)] ?? 'A');
    const body = words.join(' ');
    const output =
      i % 3 === 0 ? `<think>${body}</think>The answer is \\boxed{${letter}}.` : `${body} \\boxed{${letter}}`;
    const correct = letter === gold;
    if (!correct) {
      wrong += 1;
      if (output.toLowerCase().includes(NEEDLE)) wrongWithNeedle += 1;
    }
    const result: ItemResult = {
      type: 'result',
      id: `Open-access/${MODALITIES[i % MODALITIES.length]}/q${i}`,
      benchmark: 'omnimedvqa',
      variant: 'open-access',
      model: 'bench-model',
      output,
      extracted: letter,
      letter,
      status: 'boxed',
      mode: 'paper',
      gold,
      correct,
      promptTokens: 300 + (i % 200),
      completionTokens: Math.round(target / 4),
      latencyMs: 500 + (i % 1000),
      truncated: false,
      tag: i % 2 === 0 ? 'understanding' : 'reasoning',
      tagSource: 'gme',
      meta: {
        modality: MODALITIES[i % MODALITIES.length] ?? 'CT',
        question_type: QTYPES[i % QTYPES.length] ?? 'Other',
      },
    };
    lines.push(JSON.stringify(result));
  }
  return { text: `${lines.join('\n')}\n`, wrong, wrongWithNeedle };
}

// In the page: from the file input's change event to the first item row painted (a large file's first lines are
// listed while the rest is read), and to every item listed (the count showing them all); promises kept on window,
// so that evaluate returns at once.
const OPEN_TIMER = (items: number): string => `void (() => {
  let t0 = 0;
  let first = null;
  let all = null;
  window.__inspectorOpen = new Promise((resolve) => (first = resolve));
  window.__inspectorAll = new Promise((resolve) => (all = resolve));
  document.addEventListener('change', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.type === 'file') t0 = performance.mark('open-start').startTime;
  }, { capture: true, once: true });
  const painted = (resolve, mark) =>
    requestAnimationFrame(() => setTimeout(() => resolve(performance.mark(mark).startTime - t0), 0));
  const observer = new MutationObserver(() => {
    if (t0 === 0) return;
    if (first !== null && document.querySelector('[data-testid="inspect-list"] [role="option"]') !== null) {
      painted(first, 'open-end');
      first = null;
    }
    const count = document.querySelector('[data-testid="inspect-count"]')?.textContent?.trim() ?? '';
    if (first === null && count.startsWith('${items} of ${items} items') && !count.includes('so far')) {
      observer.disconnect();
      painted(all, 'all-end');
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

// In the page: apply one filter change (a select's value or the search text) and resolve with the time until the
// item count shows `expected`.
const timedFilter = (
  selector: string,
  value: string,
  event: string,
  expected: number,
  mark: string,
): string => `new Promise((resolve) => {
  const count = document.querySelector('[data-testid="inspect-count"]');
  const done = () => (count.textContent ?? '').trim().startsWith(${JSON.stringify(`${expected} of`)});
  const observer = new MutationObserver(() => {
    if (!done()) return;
    observer.disconnect();
    resolve(performance.mark(${JSON.stringify(`${mark}-end`)}).startTime - t0);
  });
  observer.observe(count, { subtree: true, childList: true, characterData: true });
  const el = document.querySelector(${JSON.stringify(selector)});
  const t0 = performance.mark(${JSON.stringify(`${mark}-start`)}).startTime;
  el.value = ${JSON.stringify(value)};
  el.dispatchEvent(new Event(${JSON.stringify(event)}, { bubbles: true }));
})`;

// In the page: scroll the list to its end and back in steps, one per frame.
const SCROLL = `new Promise((resolve) => {
  const list = document.querySelector('[data-testid="inspect-list"]');
  let step = 0;
  const tick = () => {
    const down = step < 60;
    list.scrollTop = down ? (list.scrollHeight * (step + 1)) / 60 : list.scrollHeight * (1 - (step - 59) / 60);
    step += 1;
    if (step < 120) requestAnimationFrame(tick);
    else resolve(list.querySelectorAll('[role="option"]').length);
  };
  requestAnimationFrame(tick);
})`;

// In the page: fetch the file, split it and JSON.parse every line (the floor any import pays).
const BARE_PARSE = (url: string): string => `(async () => {
  const text = await (await fetch(${JSON.stringify(url)})).text();
  const t0 = performance.now();
  let n = 0;
  for (const line of text.split('\\n')) if (line !== '') { JSON.parse(line); n += 1; }
  return { ms: performance.now() - t0, lines: n };
})()`;

async function main(): Promise<void> {
  const { text, wrong, wrongWithNeedle } = makeResults();
  console.log(
    `results: ${ITEMS} items, ${(text.length / 1e6).toFixed(1)} MB; ${wrong} wrong, ${wrongWithNeedle} with "${NEEDLE}"`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'medvlm-bench-inspector-'));
  const file = join(dir, 'bench-model-omnimedvqa.jsonl');
  await writeFile(file, text);
  const data = await startStaticServer({ files: { 'results.jsonl': new TextEncoder().encode(text) } });
  const app = await buildAndPreview();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const step = (what: string): void => console.log(`… ${what}`);
    page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
    await allowOrigins(page, [data.url]); // the baseline's file host, allowed as a user would once
    await page.goto(`${app.base}#/inspect`);
    await page.getByLabel('Import results (.jsonl)').waitFor({ state: 'attached', timeout: 60_000 });
    step('page ready, importing');
    await page.evaluate(OPEN_TIMER(ITEMS));
    const profile = process.env['MEDVLM_BENCH_PROFILE'] === '1';
    const diag = process.env['MEDVLM_BENCH_DIAG'] === '1';
    const diagCategories = diag ? ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] : [];
    const openTrace = join(dir, 'open-trace.json');
    await browser.startTracing(page, {
      path: openTrace,
      categories: [
        'toplevel',
        'blink.user_timing',
        ...diagCategories,
        ...(profile ? ['disabled-by-default-v8.cpu_profiler'] : []),
      ],
    });
    await page.getByLabel('Import results (.jsonl)').setInputFiles(file);
    const openMs = (await page.evaluate('window.__inspectorOpen')) as number;
    step(`first row painted after ${openMs.toFixed(0)} ms`);
    const allMs = (await page.evaluate('window.__inspectorAll')) as number;
    await browser.stopTracing();
    step(`all ${ITEMS} items listed after ${allMs.toFixed(0)} ms`);
    const open = await spanTimes(openTrace, 'open-start', 'open-end');
    const all = await spanTimes(openTrace, 'open-start', 'all-end');
    const reading = await longestTasks(openTrace, 'open-end', 'all-end', true);
    // A user's first look at the list before scrolling it.
    await page.waitForTimeout(3000);

    step('browsing');
    const tracePath = join(dir, 'trace.json');
    await browser.startTracing(page, {
      path: tracePath,
      categories: [
        'toplevel',
        'blink.user_timing',
        ...diagCategories,
        ...(profile ? ['disabled-by-default-v8.cpu_profiler'] : []),
      ],
    });
    await page.evaluate(`performance.mark('inspect-start')`);
    const rows = (await page.evaluate(SCROLL)) as number;
    await page.evaluate(`performance.mark('inspect-scrolled')`);
    await page.getByTestId('inspect-list').focus();
    for (const key of ['End', 'ArrowUp', 'ArrowUp', 'Home', 'ArrowDown', 'PageDown']) await page.keyboard.press(key);
    await page.evaluate(`performance.mark('inspect-keys')`);
    const filterMs = (await page.evaluate(
      timedFilter('form[aria-label="Filters"] select', 'wrong', 'change', wrong, 'filter'),
    )) as number;
    const searchMs = (await page.evaluate(
      timedFilter('form[aria-label="Filters"] input[type="search"]', NEEDLE, 'input', wrongWithNeedle, 'search'),
    )) as number;
    await page.evaluate(`performance.mark('inspect-end')`);
    await browser.stopTracing();
    if (diag) {
      await longestTasks(tracePath, 'inspect-start', 'inspect-scrolled', true);
      await longestTasks(tracePath, 'inspect-scrolled', 'inspect-keys', true);
      await longestTasks(tracePath, 'inspect-keys', 'inspect-end', true);
    }
    const longest = await longestTasks(tracePath, 'inspect-start', 'inspect-end', true);
    const filterCpu = (await spanTimes(tracePath, 'filter-start', 'filter-end')).cpuMs;
    const searchCpu = (await spanTimes(tracePath, 'search-start', 'search-end')).cpuMs;
    console.log(
      `rows rendered at a time: ${rows}; filter "wrong" ${filterMs.toFixed(1)} ms (cpu ${filterCpu.toFixed(1)}), ` +
        `search ${searchMs.toFixed(1)} ms (cpu ${searchCpu.toFixed(1)})`,
    );
    const bare = (await page.evaluate(BARE_PARSE(`${data.url}/results.jsonl`))) as { ms: number; lines: number };
    if (bare.lines !== ITEMS + 1) throw new Error(`the bare parse read ${bare.lines} lines`);
    console.log(`bare fetch-free split + JSON.parse of every line: ${bare.ms.toFixed(0)} ms`);
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(`BENCH inspector_open_ms ${openMs.toFixed(0)} ms`);
    console.log(`BENCH inspector_open_cpu_ms ${open.cpuMs.toFixed(0)} ms`);
    console.log(`BENCH inspector_all_items_ms ${allMs.toFixed(0)} ms`);
    console.log(`BENCH inspector_all_items_cpu_ms ${all.cpuMs.toFixed(0)} ms`);
    console.log(`BENCH inspector_reading_longest_task_ms ${reading.wallMs.toFixed(1)} ms`);
    console.log(`BENCH inspector_all_items_vs_json_parse ${(allMs / bare.ms).toFixed(2)} ratio`);
    console.log(`BENCH inspector_filter_ms ${(filterMs + searchMs).toFixed(1)} ms`);
    console.log(`BENCH inspector_filter_cpu_ms ${(filterCpu + searchCpu).toFixed(1)} ms`);
    console.log(`BENCH inspector_longest_task_ms ${longest.wallMs.toFixed(1)} ms`);
    console.log(`BENCH inspector_longest_task_cpu_ms ${longest.cpuMs.toFixed(1)} ms`);
  } finally {
    await browser.close();
    await app.close();
    await data.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
