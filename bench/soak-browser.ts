// The browser soak: 20,000 items through the app's run path in headless Chromium (bench/soak-browser-page.ts: the
// engine, the OpenAI backend on fetch, the IndexedDB store) against bench/soak-server.ts (~5% of items faulted).
// The page is served on the soak server's own origin (playwright answers that one URL), so no CORS is involved.
// Prints the page's JS heap after a forced GC every 2,000 items, then BENCH lines: items stored, duplicates and
// lost (the run reopened as after a reload, and the raw IndexedDB records), heap growth (last mark − first).
// SOAK_BROWSER_ITEMS=<n> for a shorter run. Chromium: /usr/bin/chromium or CHROMIUM_PATH.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { Rollup } from 'vite';
import { launchChromium } from '../tests/e2e/support';
import type { BrowserSoakReport } from './soak-browser-page';
import { bench, load } from './bench-output';

const ITEMS = Number(process.env['SOAK_BROWSER_ITEMS'] ?? 20_000);
const STEP = Math.max(1, Math.round(ITEMS / 10));
const CONCURRENCY = 64;
// Chromium opens at most 6 HTTP/1.1 connections per host: a stall holds one of them until this timeout
const TIMEOUT_MS = 2_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MB = 1024 * 1024;

async function bundlePage(): Promise<string> {
  const output = (await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    build: {
      write: false,
      minify: false,
      lib: { entry: join(ROOT, 'bench/soak-browser-page.ts'), formats: ['iife'], name: 'soakPage' },
    },
  })) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const first = Array.isArray(output) ? output[0] : output;
  const chunk = first?.output.find((o): o is Rollup.OutputChunk => o.type === 'chunk');
  if (chunk === undefined) throw new Error('bundling bench/soak-browser-page.ts produced no chunk');
  return chunk.code;
}

async function startServer(): Promise<{ url: string; stop: () => Promise<string> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/soak-server.ts', '--stall-ms', String(TIMEOUT_MS + 500)],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  let out = '';
  const url = await new Promise<string>((res, rej) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m?.[1] !== undefined) res(m[1]);
    });
    child.on('exit', (code) => rej(new Error(`soak server exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise((res) => {
        child.on('exit', () => res(/SERVED (\d+ \d+)/.exec(out)?.[1] ?? '? ?'));
        child.stdin.end();
      }),
  };
}

const code = await bundlePage();
const server = await startServer();
const browser = await launchChromium(['--js-flags=--expose-gc', '--enable-precise-memory-info']);
try {
  const page = await browser.newPage();
  // the injected faults show up as failed loads in the console: counted, not printed
  let failedLoads = 0;
  page.on('console', (m) => {
    const text = m.text();
    const mem = /^SOAK_MEM (\d+) (\d+)$/.exec(text);
    if (text.startsWith('Failed to load resource')) failedLoads += 1;
    else if (mem === null) process.stderr.write(`  page: ${text}\n`);
    else
      process.stdout.write(
        `soak (browser): ${mem[1]} items  JS heap ${(Number(mem[2]) / MB).toFixed(1)} MB after GC  load ${load()}\n`,
      );
  });
  page.on('pageerror', (e) => process.stderr.write(`  page error: ${e.message}\n`));
  const origin = new URL(server.url).origin;
  const pageUrl = `${origin}/soak.html`;
  await page.route(pageUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><meta charset="utf-8"><title>soak</title>' }),
  );
  await page.goto(pageUrl);
  // only the page itself was faked: the run's requests must reach the server without going through playwright
  await page.unrouteAll();
  await page.addScriptTag({ content: code });
  process.stdout.write(`soak (browser): ${ITEMS} items, concurrency ${CONCURRENCY}, ~5% faulted, load ${load()}\n`);
  const report = await page.evaluate(
    (o) => (globalThis as unknown as { soak: (x: typeof o) => Promise<BrowserSoakReport> }).soak(o),
    { items: ITEMS, step: STEP, concurrency: CONCURRENCY, timeoutMs: TIMEOUT_MS },
  );
  const served = await server.stop();
  process.stdout.write(
    `soak (browser): run ${report.status}, ${report.seconds.toFixed(0)} s, ${report.rawRecords} raw records, server requests/faults injected ${served}, failed loads seen ${failedLoads}\n`,
  );
  bench('soak_browser_items', report.stored, 'items');
  bench('soak_browser_duplicates', report.duplicates, 'count');
  bench('soak_browser_lost', report.lost, 'count');
  bench('soak_browser_failed_results', report.failed, 'count');
  bench('soak_browser_items_per_s', (ITEMS / report.seconds).toFixed(1), 'items/s');
  const first = report.marks[0];
  const last = report.marks[report.marks.length - 1];
  if (first !== undefined && last !== undefined && report.marks.length >= 2)
    bench('soak_browser_heap_growth_mb', ((last.heap - first.heap) / MB).toFixed(1), 'MB');
  bench('soak_browser_load_avg_1m', loadavg()[0]?.toFixed(2) ?? '?', 'load');
  if (report.status !== 'completed' || report.duplicates > 0 || report.lost > 0 || report.stored !== ITEMS)
    process.exitCode = 1;
} finally {
  await browser.close();
}
