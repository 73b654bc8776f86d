// The Run page with a model in the browser: a tiny generated Qwen2.5-VL served from its own 127.0.0.1 server
// (CORS + CORP, as a CDN would), added as a user model by base URL, run on wasm over the VQA-RAD demo slice.
// The page is reloaded mid-run; the resumed run must store every item exactly once, land in Table 1, and
// nothing may be fetched from beyond 127.0.0.1 (worker requests included).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyModel } from '../fixtures/tiny-models/write';
import { expectedBenchmarks } from './expected';
import {
  buildAndPreview,
  launchChromium,
  progressNumber,
  readResultsDb,
  reloadForNewServer,
  startStaticServer,
  tableCell,
} from './support';
import type { ServedApp, StaticServer } from './support';

const FAMILY = 'qwen2.5-vl';
const MODEL_ID = `user-${FAMILY}`;
const MAX_NEW_TOKENS = 24;
const vqa = expectedBenchmarks().find((b) => b.id === 'vqa-rad');
if (vqa === undefined) throw new Error('expected.ts lists no vqa-rad');
const keptIds = vqa.kept.map((r) => String(r['qid'])).sort();

let modelsDir = '';
let models: StaticServer | null = null;
let app: ServedApp | null = null;
let browser: Browser | null = null;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'medvlm-tiny-models-'));
  writeTinyModel(FAMILY, modelsDir);
  models = await startStaticServer(modelsDir);
  app = await buildAndPreview();
  browser = await launchChromium(['--enable-unsafe-webgpu']);
  context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  // the context sees the page's requests and its workers' (model files are fetched by the inference worker)
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await models?.close();
  if (modelsDir) await rm(modelsDir, { recursive: true, force: true });
});

const status = (): Promise<string | null> => page.locator('#run-status-heading').textContent();
const storedFor = async (): Promise<string[]> =>
  (await readResultsDb(page)).results.filter((r) => r.model === MODEL_ID && r.benchmark === 'vqa-rad').map((r) => r.id);

describe('Run page with a tiny model in the browser', () => {
  it('adds the served export as a user model and shows the device choice and why', async () => {
    if (app === null || models === null) throw new Error('setup failed');
    await page.goto(`${app.base}#/run`);
    await page.getByText(/^Your models \(0\)/).click();
    await page.getByLabel('Hub repo id or base URL').fill(`${models.origin}/${FAMILY}`);
    await page.getByLabel('Weights (dtypes)').fill('fp32');
    await page.getByRole('button', { name: 'Add model' }).click();
    expect(await page.locator('#run-model').inputValue()).toBe(MODEL_ID);
    // The export's host is new to the page's connection policy: one reload through the notice allows it.
    await reloadForNewServer(page, models.origin);
    expect(await page.locator('#run-model').inputValue()).toBe(MODEL_ID);

    const note = page.getByRole('note', { name: 'Device and weights' });
    await page.locator('#run-device').selectOption('webgpu');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toMatch(/webgpu\s*fp32.*WebGPU adapter/s);
    await page.locator('#run-device').selectOption('wasm');
    await expect.poll(() => note.textContent(), { timeout: 15_000 }).toContain('wasm was requested');
  });

  it('runs VQA-RAD, survives a reload mid-run, and resumes where it stopped', async () => {
    await page.getByText('Generation settings').click();
    await page.getByLabel('Max new tokens').fill(String(MAX_NEW_TOKENS));
    await page.getByRole('checkbox', { name: /VQA-RAD/ }).check();
    for (const other of [/SLAKE/, /PathVQA/]) await page.getByRole('checkbox', { name: other }).uncheck();
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    // the download is reported in bytes and files
    const download = page.getByLabel('Model download');
    await expect.poll(() => download.textContent(), { timeout: 30_000 }).toMatch(/kB of .*kB · \d+\/\d+ files/);

    // the engine warms up before the first item, and says so once it is ready
    await expect.poll(() => download.textContent(), { timeout: 60_000 }).toMatch(/warmed up in \d+ runs \([\d.]+ s;/);
    await expect
      .poll(async () => (await storedFor()).length, { timeout: 60_000, interval: 200 })
      .toBeGreaterThanOrEqual(3);
    const beforeReload = (await storedFor()).length;
    expect(beforeReload).toBeLessThan(keptIds.length);
    await page.reload();

    const banner = page.getByRole('status', { name: 'Unfinished run' });
    await banner.waitFor({ timeout: 15_000 });
    const storedAtResume = (await storedFor()).length;
    expect(storedAtResume).toBeGreaterThanOrEqual(beforeReload);
    await banner.getByRole('button', { name: 'Resume unfinished run' }).click();
    await expect.poll(status, { timeout: 75_000 }).toContain('Completed');
    expect(await progressNumber(page, 'Resumed')).toBe(String(storedAtResume));
    expect(await progressNumber(page, 'Done')).toBe(`${keptIds.length} / ${keptIds.length}`);
    await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header would be drawn mid-page otherwise
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-local-run.png'), fullPage: true });

    const db = await readResultsDb(page);
    const mine = db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'vqa-rad');
    expect(mine.map((r) => r.id).sort()).toEqual(keptIds);
    expect(new Set(mine.map((r) => r.id)).size).toBe(mine.length);
    expect(mine.filter((r) => r.result.error !== undefined)).toEqual([]);
    // the manifest records the local backend, the base URL and the generation limit
    const run = db.runs.find((r) => r['model'] === MODEL_ID);
    expect(run?.['manifest']).toMatchObject({
      backend: 'transformers',
      backendModel: `${models?.origin ?? ''}/${FAMILY}`,
      generation: { maxNewTokens: MAX_NEW_TOKENS },
    });
  });

  it('keeps the model loaded for the next run with it, and unloads it on request', async () => {
    const kept = page.getByRole('status', { name: 'Model kept loaded' });
    await kept.waitFor({ timeout: 10_000 });
    expect(page.workers().length).toBeGreaterThanOrEqual(1);
    await page.getByRole('checkbox', { name: /VQA-RAD/ }).uncheck();
    await page.getByRole('checkbox', { name: /SLAKE/ }).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 75_000 }).toContain('Completed');
    expect(await page.getByText('Model already loaded by the previous run').count()).toBe(1);
    expect(await page.getByLabel('Model download').count()).toBe(0);
    const db = await readResultsDb(page);
    expect(db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'slake').length).toBeGreaterThan(0);
    await kept.getByRole('button', { name: 'Unload model' }).click();
    await expect.poll(() => kept.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
  });

  it('shows the stored run in Table 1', async () => {
    const db = await readResultsDb(page);
    const mine = db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'vqa-rad');
    const accuracy = mine.filter((r) => r.result.correct).length / mine.length;
    await page.goto(`${app?.base ?? ''}#/tables?t=1`);
    const cell = await tableCell(page, MODEL_ID, 'measured', 'VQA-RAD');
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toContain(accuracy.toFixed(4));
    expect(await cell.textContent()).toContain(`n=${keptIds.length}`);
  });

  it('lists the cached model files with their size and deletes them', async () => {
    await page.goto(`${app?.base ?? ''}#/run`);
    const cached = page.getByRole('list', { name: 'Cached models' });
    const entry = cached.getByRole('listitem').filter({ hasText: `${models?.origin ?? ''}/${FAMILY}` });
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toMatch(/\d+(\.\d+)? kB · \d+ files/);
    await entry.getByRole('button', { name: /^Delete cached files of/ }).click();
    await expect.poll(() => page.getByText('No model files cached.').count(), { timeout: 10_000 }).toBe(1);
  });

  it('cancels a run while its model warms up: the run ends Cancelled, its worker is gone, nothing is stored', async () => {
    await page.getByRole('checkbox', { name: /SLAKE/ }).uncheck();
    await page.getByRole('checkbox', { name: /PathVQA/ }).check();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const download = page.getByLabel('Model download');
    await expect.poll(() => download.textContent(), { timeout: 30_000, interval: 50 }).toMatch(/warming up/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(status, { timeout: 10_000 }).toContain('Cancelled');
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    await expect.poll(() => page.workers().length, { timeout: 10_000 }).toBe(0);
    const db = await readResultsDb(page);
    expect(db.results.filter((r) => r.model === MODEL_ID && r.benchmark === 'pathvqa')).toEqual([]);
    // nothing is kept loaded after a cancelled load
    expect(await page.getByRole('status', { name: 'Model kept loaded' }).count()).toBe(0);
  });

  it('made no request beyond 127.0.0.1 (pages and workers) and threw no page errors', () => {
    expect(
      requests.some((u) => u.endsWith('.onnx')),
      'worker requests are observed',
    ).toBe(true);
    const foreign = requests.filter((u) => !/^(https?:\/\/127\.0\.0\.1[:/]|blob:|data:)/.test(u));
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
