// BENCH browser_load_*: an OmniMedVQA-shaped zip (≈89k items in QA_information/Open-access/*.json over 40 files,
// tiny images, two questions per image as in the release) generated here, served cross-origin with ranges, loaded
// by the built app in headless Chromium through its data worker (#/benchmarks?data=…&benchmark=omnimedvqa), from
// setting the link to the kept count shown. Compared in the same page with a bare unzip + JSON.parse of the same
// files (whole zip fetched, central directory walked, DecompressionStream). The page's main-thread tasks come from a
// Chrome trace ('toplevel' RunTask events between two user-timing marks); heap is the page's after the load. The
// app keeps the items in its data worker (the page reads them a slice at a time), so the cost of reading them is
// shown too: browser_item_page_ms, from picking the dataset in the item browser to its first page of items listed.
// MEDVLM_BENCH_PROFILE=1 prints where each thread's CPU time went while loading (bench/trace-profile.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { allowOrigins, buildAndPreview, launchChromium } from '../tests/e2e/support';
import { startStaticServer } from '../tests/support/static-server';
import { buildZip } from '../tests/support/zip-build';
import { generateOmniMedVqa } from './load';
import { longestTasks } from './trace';

const TINY_IMAGE = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

/** The load bench's files with two questions per image (fewer than 65,535 zip entries: no Zip64 writer needed). */
function omniZip(): { zip: Uint8Array; items: number } {
  const files = generateOmniMedVqa();
  const out: Record<string, Uint8Array> = {};
  const enc = new TextEncoder();
  let items = 0;
  for (const [path, content] of Object.entries(files)) {
    if (!path.endsWith('.json') || typeof content !== 'string') continue;
    const records = JSON.parse(content) as Record<string, string>[];
    records.forEach((r, i) => {
      r['image_path'] = (r['image_path'] ?? '').replace(/img_\d+/, `img_${String(i >> 1).padStart(5, '0')}`);
      out[r['image_path']] = TINY_IMAGE;
    });
    items += records.length;
    out[path] = enc.encode(JSON.stringify(records, null, 4));
  }
  return { zip: buildZip(out, { topFolder: 'OmniMedVQA' }), items };
}

// Runs in the page: fetch the zip, walk the central directory, inflate each .json entry, JSON.parse it.
/** In the page: waits until Cache Storage's entry count has not changed for 1 s (the load's background writes). */
const CACHE_SETTLED = `(async () => {
  const t0 = performance.now();
  const count = async () => {
    let n = 0;
    for (const name of await caches.keys()) n += (await (await caches.open(name)).keys()).length;
    return n;
  };
  let last = -1;
  let stableSince = performance.now();
  for (;;) {
    const n = await count();
    if (n !== last) [last, stableSince] = [n, performance.now()];
    else if (performance.now() - stableSince >= 1000) return { entries: n, ms: stableSince - t0 };
    await new Promise((r) => setTimeout(r, 100));
  }
})()`;

const BARE_UNZIP = (url: string): string => `(async () => {
  const t0 = performance.now();
  const buf = new Uint8Array(await (await fetch(${JSON.stringify(url)})).arrayBuffer());
  const v = new DataView(buf.buffer);
  let eocd = buf.length - 22;
  while (v.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = v.getUint32(eocd + 16, true);
  const end = at + v.getUint32(eocd + 12, true);
  const dec = new TextDecoder();
  let records = 0;
  while (at < end) {
    const method = v.getUint16(at + 10, true), csize = v.getUint32(at + 20, true);
    const nlen = v.getUint16(at + 28, true), xlen = v.getUint16(at + 30, true), clen = v.getUint16(at + 32, true);
    const local = v.getUint32(at + 42, true);
    const name = dec.decode(buf.subarray(at + 46, at + 46 + nlen));
    at += 46 + nlen + xlen + clen;
    if (!name.endsWith('.json')) continue;
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const raw = buf.subarray(start, start + csize);
    const bytes = method === 0 ? raw : new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
    records += JSON.parse(dec.decode(bytes)).length;
  }
  return { ms: performance.now() - t0, records };
})()`;

/** From choosing the loaded dataset in the item browser to its first page of items listed (read from the worker). */
async function itemPageMs(page: Page, base: string, items: number): Promise<number> {
  await page.goto(`${base}#/items`);
  const select = page.getByLabel('Benchmark');
  const option = select.locator('option', { hasText: 'OmniMedVQA · loaded from' });
  await option.waitFor({ state: 'attached', timeout: 60_000 });
  const entry = (await option.getAttribute('value')) ?? '';
  await page.locator('.item-list li').first().waitFor({ timeout: 60_000 });
  const t0 = Date.now();
  await select.selectOption(entry);
  await page.locator('.pager', { hasText: `1–100 of ${items}` }).waitFor({ timeout: 60_000 });
  const listed = await page.locator('.item-list li').count();
  if (listed !== 100) throw new Error(`the item browser lists ${listed} items, not a page of 100`);
  return Date.now() - t0;
}

async function main(): Promise<void> {
  const { zip, items } = omniZip();
  console.log(`zip: ${items} items, ${(zip.byteLength / 1e6).toFixed(1)} MB`);
  const data = await startStaticServer({ files: { 'OmniMedVQA.zip': zip } });
  const app = await buildAndPreview();
  const browser = await launchChromium();
  const dir = await mkdtemp(join(tmpdir(), 'medvlm-bench-data-'));
  try {
    const page = await browser.newPage();
    await allowOrigins(page, [data.url]); // the data host, allowed as a user would once (the page's connection policy)
    await page.goto(`${app.base}#/benchmarks`);
    await page.locator('[data-testid="kept-vqa-rad"]').waitFor({ timeout: 60_000 });
    const url = `${data.url}/OmniMedVQA.zip`;
    const tracePath = join(dir, 'trace.json');
    await browser.startTracing(page, {
      path: tracePath,
      categories: [
        'toplevel',
        'blink.user_timing',
        ...(process.env['MEDVLM_BENCH_PROFILE'] === '1' ? ['disabled-by-default-v8.cpu_profiler'] : []),
        ...(process.env['MEDVLM_BENCH_DIAG'] === '1'
          ? ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline']
          : []),
      ],
    });
    const ms = await page.evaluate(`new Promise((resolve) => {
      const done = () => {
        const kept = document.querySelector('[data-testid="kept-omnimedvqa"]');
        if (kept === null) return false;
        performance.mark('data-end');
        observer.disconnect();
        resolve(performance.now() - t0);
        return true;
      };
      const observer = new MutationObserver(done);
      observer.observe(document.body, { subtree: true, childList: true });
      performance.mark('data-start');
      const t0 = performance.now();
      location.hash = '#/benchmarks?data=' + encodeURIComponent(${JSON.stringify(url)}) + '&benchmark=omnimedvqa';
    })`);
    await browser.stopTracing();
    const kept = Number((await page.locator('[data-testid="kept-omnimedvqa"]').textContent())?.trim());
    if (kept !== items) throw new Error(`kept ${kept}, generated ${items}`);
    const heap = (await page.evaluate('performance.memory.usedJSHeapSize')) as number;
    // The load answered before its copy of the fetched ranges was in Cache Storage (written in the background):
    // let those writes end, so the baseline below does not share the machine with them.
    const cached = (await page.evaluate(CACHE_SETTLED)) as { entries: number; ms: number };
    console.log(`cache writes settled ${cached.ms.toFixed(0)} ms after the load (${cached.entries} entries)`);
    const bare = (await page.evaluate(BARE_UNZIP(url))) as { ms: number; records: number };
    if (bare.records !== items) throw new Error(`bare unzip read ${bare.records} records`);
    const loadMs = ms as number;
    console.log(`load ${loadMs.toFixed(0)} ms, bare unzip + JSON.parse ${bare.ms.toFixed(0)} ms`);
    console.log(`BENCH browser_load_items_per_s ${((items / loadMs) * 1000).toFixed(0)} items/s`);
    console.log(`BENCH browser_load_vs_unzip_parse ${(loadMs / bare.ms).toFixed(2)} ratio`);
    const tasks = await longestTasks(tracePath, 'data-start', 'data-end');
    console.log(`BENCH browser_load_longest_task_ms ${tasks.wallMs.toFixed(1)} ms`);
    // on a loaded machine a task's wall time is mostly waiting for a core: its CPU time says what the page did
    console.log(`BENCH browser_load_longest_task_cpu_ms ${tasks.cpuMs.toFixed(1)} ms`);
    console.log(`BENCH browser_load_heap_mb ${(heap / 1e6).toFixed(1)} MB`);
    console.log(`BENCH browser_item_page_ms ${(await itemPageMs(page, app.base, items)).toFixed(0)} ms`);
  } finally {
    await browser.close();
    await app.close();
    await data.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
