// A workshop run link end to end: the built app opened at #/run?data=<zip url>&benchmark=vqa-rad&model=<registry id>
// loads the zip (a VQA-RAD release cut to 12 records, so its count differs from the demo slice's) from a second,
// cross-origin static server through the datasets state, preselects it and the remote model, starts nothing; a
// click runs it on an OpenAI-compatible test server, and Table 1 shows the loaded dataset's item count; a seeded
// sample of it (another model) runs only the drawn items and its cell says "sample".
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModel } from '../../src/core/models/registry';
import { startOpenAITestServer, type OpenAITestServer } from '../support/openai-test-server';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { buildZip, filesOf } from '../support/zip-build';
import { STATIC_DIR } from './expected';
import { buildAndPreview, reloadForNewServer, launchChromium, readResultsDb, tableCell } from './support';
import type { ServedApp } from './support';

const MODEL_ID = 'qwen2.5-vl-72b';
const SERVED = findModel(MODEL_ID)?.remoteName ?? '';
/** A second model for the sampled run, so that its Table 1 cell (the sample) is a row of its own. */
const SAMPLED_ID = 'qwen2.5-vl-7b';
const SAMPLED_SERVED = findModel(SAMPLED_ID)?.remoteName ?? '';
/** Items the cut release keeps (12 records; the demo slice keeps 21 of its 24). */
const KEPT = 10;

let app: ServedApp | null = null;
let data: StaticServer | null = null;
let server: OpenAITestServer | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

function cutRelease(): Uint8Array {
  const files = filesOf(join(STATIC_DIR, 'vqa-rad'));
  delete files['manifest.json'];
  const name = 'VQA_RAD Dataset Public.json';
  const records = JSON.parse(new TextDecoder().decode(files[name])) as unknown[];
  files[name] = new TextEncoder().encode(JSON.stringify(records.slice(0, 12)));
  return buildZip(files, { topFolder: 'VQA-RAD' });
}

beforeAll(async () => {
  data = await startStaticServer({ files: { 'vqa-rad-cut.zip': cutRelease() } });
  app = await buildAndPreview();
  server = await startOpenAITestServer({
    models: [SERVED, SAMPLED_SERVED],
    allowOrigin: app.origin,
    latencyMs: 5,
    respond: () => 'It is visible. \\boxed{A}',
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
  await data?.close();
});

const status = (): Promise<string | null> => page.locator('#run-status-heading').textContent();

describe('a #/run?data= link', () => {
  it('loads the URL, preselects it (not the demo slice) and the remote model, and starts nothing', async () => {
    if (app === null || data === null || server === null) throw new Error('not started');
    const url = `${data.url.replace(/\/$/, '')}/vqa-rad-cut.zip`;
    await page.goto(`${app.base}#/run?data=${encodeURIComponent(url)}&benchmark=vqa-rad&model=${MODEL_ID}`);
    const loaded = page.getByRole('checkbox', { name: `VQA-RAD · loaded from ${url} (${KEPT})` });
    await expect.poll(() => loaded.isChecked(), { timeout: 60_000 }).toBe(true);
    const demo = page.getByRole('checkbox', { name: /VQA-RAD · demo slice/ });
    await demo.waitFor({ timeout: 30_000 });
    expect(await demo.isChecked()).toBe(false);
    expect(await page.getByLabel('Remote server (OpenAI-compatible)').isChecked()).toBe(true);
    expect(await page.getByLabel('Served model name').inputValue()).toBe(SERVED);
    await page.waitForTimeout(500);
    expect(await status()).toContain('Not started');
    expect(server.total()).toBe(0);
  });

  it('runs on the loaded data; the run lands in Table 1 with its item count', async () => {
    if (app === null || server === null) throw new Error('not started');
    await page.getByLabel('Server base URLs (one per line)').fill(server.url);
    // A new server: one reload through the notice (the link's data and model are chosen again after it).
    await reloadForNewServer(page, server.url);
    const url = `${data?.url.replace(/\/$/, '') ?? ''}/vqa-rad-cut.zip`;
    const loaded = page.getByRole('checkbox', { name: `VQA-RAD · loaded from ${url} (${KEPT})` });
    await expect.poll(() => loaded.isChecked(), { timeout: 60_000 }).toBe(true);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 90_000 }).toContain('Completed');
    expect(server.total()).toBe(KEPT);
    const db = await readResultsDb(page);
    expect(db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'vqa-rad')).toHaveLength(KEPT);

    await page.goto(`${app.base}#/tables?t=1`);
    const cell = await tableCell(page, findModel(MODEL_ID)?.label ?? MODEL_ID, 'measured', 'VQA-RAD');
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toContain(`n=${KEPT}`);
    expect(pageErrors).toEqual([]);
  });

  it('runs a seeded sample of the loaded data; its Table 1 cell says sample n=4 of 10', async () => {
    if (app === null || server === null) throw new Error('not started');
    await page.goto(`${app.base}#/run`);
    await page.locator('#run-remote-model').selectOption(SAMPLED_ID);
    expect(await page.getByLabel('Served model name').inputValue()).toBe(SAMPLED_SERVED);
    const loaded = page.getByRole('checkbox', { name: /VQA-RAD · loaded from/ });
    await expect.poll(() => loaded.isChecked(), { timeout: 60_000 }).toBe(true);
    await page.getByLabel('Sample (N or P%; empty: every item)').fill('4');
    await page.getByLabel('Seed').fill('1');
    server.resetCounters();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 90_000 }).toContain('Completed');
    expect(server.total()).toBe(4);
    const db = await readResultsDb(page);
    expect(db.results.filter((r) => r.model === SAMPLED_ID && r.benchmark === 'vqa-rad')).toHaveLength(4);

    await page.goto(`${app.base}#/tables?t=1`);
    const cell = await tableCell(page, findModel(SAMPLED_ID)?.label ?? SAMPLED_ID, 'measured', 'VQA-RAD');
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toContain(`sample n=4 of ${KEPT}, seed 1`);
    expect(pageErrors).toEqual([]);
  });

  it('runs the demo slice beside the loaded release in one plan: two runs of the model on VQA-RAD, both kept', async () => {
    if (app === null || server === null) throw new Error('not started');
    await page.goto(`${app.base}#/run`);
    await page.locator('#run-remote-model').selectOption(MODEL_ID);
    const loaded = page.getByRole('checkbox', { name: /VQA-RAD · loaded from/ });
    await expect.poll(() => loaded.isChecked(), { timeout: 60_000 }).toBe(true);
    const demo = page.getByRole('checkbox', { name: /VQA-RAD · demo slice/ });
    await demo.check();
    await page.getByLabel('Sample (N or P%; empty: every item)').fill('');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 90_000 }).toContain('Completed');
    const db = await readResultsDb(page);
    const mine = db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'vqa-rad');
    const byData = new Map<string, number>();
    for (const r of mine) byData.set(r.data, (byData.get(r.data) ?? 0) + 1);
    // the release's run, resumed whole, and the demo slice's (21 kept) under other data
    expect([...byData.values()].sort((x, y) => x - y)).toEqual([KEPT, 21]);
    expect(db.runs.filter((r) => r['model'] === MODEL_ID && r['benchmark'] === 'vqa-rad')).toHaveLength(2);
    await page.goto(`${app.base}#/tables?t=1`);
    await expect
      .poll(() => page.getByRole('button', { name: `Export ${MODEL_ID} vqa-rad as JSONL` }).count(), {
        timeout: 10_000,
      })
      .toBe(2);
    expect(pageErrors).toEqual([]);
  });

  it('browses the loaded dataset in the item browser, images read from the zip', async () => {
    if (app === null) throw new Error('not started');
    await page.goto(`${app.base}#/items`);
    const select = page.getByLabel('Benchmark');
    const option = select.locator('option', { hasText: `VQA-RAD · loaded from` });
    await option.waitFor({ state: 'attached', timeout: 60_000 });
    await select.selectOption((await option.getAttribute('value')) ?? '');
    await expect.poll(() => page.locator('.item-list li').count(), { timeout: 30_000 }).toBe(KEPT);
    const img = page.getByRole('article').getByRole('img', { name: /^Image 1 of item/ });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });
});
