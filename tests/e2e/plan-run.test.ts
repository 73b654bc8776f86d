// One plan of two server models × two bundled benchmarks on the Run page, opened from a workshop link
// (`#/run?benchmark=vqa-rad,slake&model=…` preselects, nothing runs without a click): both models are served by one
// OpenAI-compatible test server under two names, run in parallel, and all four (model, benchmark) runs land in
// IndexedDB and in Table 1.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModel } from '../../src/core/models/registry';
import { startOpenAITestServer } from '../support/openai-test-server';
import type { OpenAITestServer } from '../support/openai-test-server';
import { expectedBenchmarks } from './expected';
import { buildAndPreview, reloadForNewServer, launchChromium, readResultsDb, tableCell } from './support';
import type { ServedApp } from './support';

const MODELS = [
  { id: 'qwen2.5-vl-72b', served: 'Qwen/Qwen2.5-VL-72B-Instruct' },
  { id: 'qwen2.5-vl-7b', served: 'Qwen/Qwen2.5-VL-7B-Instruct' },
];
const BENCHMARKS = ['vqa-rad', 'slake'];
const keptOf = (id: string): number => expectedBenchmarks().find((b) => b.id === id)?.kept.length ?? 0;

let latencyMs = 40;
let app: ServedApp | null = null;
let server: OpenAITestServer | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];
/** Requests in flight per served name, and the pairs of names seen in flight together. */
const inFlight = new Map<string, number>();
const together = new Set<string>();

beforeAll(async () => {
  app = await buildAndPreview();
  server = await startOpenAITestServer({
    models: MODELS.map((m) => m.served),
    allowOrigin: app.origin,
    latencyMs: (r) => {
      // counted over the request's latency: the answer is sent when it ends
      const name = String(r.body['model']);
      inFlight.set(name, (inFlight.get(name) ?? 0) + 1);
      for (const [other, n] of inFlight) if (other !== name && n > 0) together.add([name, other].sort().join('+'));
      const ms = latencyMs;
      setTimeout(() => inFlight.set(name, (inFlight.get(name) ?? 1) - 1), ms);
      return ms;
    },
    respond: () => 'It is visible. \\boxed{A}',
  });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

const status = (): Promise<string | null> => page.locator('#run-status-heading').textContent();

describe('Run page: one plan of two server models × two benchmarks', () => {
  it('a link preselects the benchmarks and the model, and starts nothing', async () => {
    if (app === null || server === null) throw new Error('setup failed');
    await page.goto(`${app.base}#/run?benchmark=vqa-rad,slake&model=${MODELS[0]?.id ?? ''}`);
    const box = (name: RegExp) => page.getByRole('checkbox', { name });
    await expect.poll(() => box(/VQA-RAD/).isChecked(), { timeout: 15_000 }).toBe(true);
    expect(await box(/SLAKE/).isChecked()).toBe(true);
    expect(await box(/PathVQA/).isChecked()).toBe(false);
    expect(await page.getByLabel('Remote server (OpenAI-compatible)').isChecked()).toBe(true);
    expect(await page.getByLabel('Served model name').inputValue()).toBe(MODELS[0]?.served);
    await page.waitForTimeout(500);
    expect(await status()).toContain('Not started');
    expect(server.total()).toBe(0);
  });

  it('runs both models in parallel, each on both benchmarks; all four runs are stored and in Table 1', async () => {
    if (app === null || server === null) throw new Error('setup failed');
    const [first, second] = MODELS;
    if (first === undefined || second === undefined) throw new Error('two models');
    await page.getByLabel('Server base URLs (one per line)').fill(server.url);
    await page.getByLabel('Concurrency').fill('2');
    // A new server: one reload through the notice; the link chooses the benchmarks and model again.
    await reloadForNewServer(page, server.url);
    await expect.poll(() => page.getByRole('checkbox', { name: /SLAKE/ }).isChecked(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Add to plan' }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Added models' }).textContent()).toContain('72B');
    await page.getByLabel('Store results as').selectOption(second.id);
    expect(await page.getByLabel('Served model name').inputValue()).toBe(second.served);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 90_000 }).toContain('Completed');

    for (const m of MODELS)
      for (const b of BENCHMARKS) {
        const label = `${findModel(m.id)?.label ?? m.id} ${b} progress`;
        const row = page.getByRole('row', { name: label });
        expect(await row.textContent()).toContain(`${keptOf(b)} / ${keptOf(b)}`);
      }
    expect(together).toContain(
      MODELS.map((m) => m.served)
        .sort()
        .join('+'),
    );
    const db = await readResultsDb(page);
    for (const m of MODELS)
      for (const b of BENCHMARKS)
        expect(db.results.filter((r) => r.model === m.id && r.benchmark === b)).toHaveLength(keptOf(b));

    await page.goto(`${app.base}#/tables?t=1`);
    for (const m of MODELS)
      for (const column of ['VQA-RAD', 'SLAKE']) {
        const cell = await tableCell(page, findModel(m.id)?.label ?? m.id, 'measured', column);
        await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toMatch(/0\.\d{4}|1\.0000/);
      }
    expect(pageErrors).toEqual([]);
  });

  it('resumes the whole plan after a reload mid-run: each model finishes from what it stored', async () => {
    if (app === null || server === null) throw new Error('setup failed');
    const [first, second] = MODELS;
    if (first === undefined || second === undefined) throw new Error('two models');
    const total = keptOf('pathvqa');
    const stored = async (model: string) =>
      (await readResultsDb(page)).results
        .filter((r) => r.model === model && r.benchmark === 'pathvqa')
        .map((r) => r.id);
    await page.goto(`${app.base}#/run?benchmark=pathvqa&model=${first.id}`);
    await expect
      .poll(() => page.getByRole('checkbox', { name: /PathVQA/ }).isChecked(), { timeout: 15_000 })
      .toBe(true);
    expect(await page.getByRole('checkbox', { name: /VQA-RAD/ }).isChecked()).toBe(false);
    // the 72B model is still in the plan from before; the current choice adds the 7B one
    await page.getByLabel('Store results as').selectOption(second.id);
    latencyMs = 250;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    for (const m of MODELS)
      await expect.poll(async () => (await stored(m.id)).length, { timeout: 20_000, interval: 100 }).toBeGreaterThan(1);
    await page.reload();
    latencyMs = 20;
    const banner = page.getByRole('status', { name: 'Unfinished run' });
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toContain('7B-Instruct × pathvqa');
    const before = new Map<string, number>();
    for (const m of MODELS) before.set(m.id, (await stored(m.id)).length);
    expect([...before.values()].every((n) => n < total)).toBe(true);
    await page.getByRole('button', { name: 'Resume unfinished run' }).click();
    await expect.poll(status, { timeout: 60_000 }).toContain('Completed');
    for (const m of MODELS) {
      const ids = await stored(m.id);
      expect(ids).toHaveLength(total);
      expect(new Set(ids).size).toBe(total);
      const panel = page.getByRole('region', { name: `${findModel(m.id)?.label ?? m.id} run` });
      const resumed = Number(
        await panel
          .getByRole('definition')
          .filter({ has: page.locator('xpath=preceding-sibling::dt[1][normalize-space()="Resumed"]') })
          .textContent(),
      );
      expect(resumed).toBeGreaterThanOrEqual(before.get(m.id) ?? 0);
      expect(resumed).toBeLessThan(total);
    }
    expect(pageErrors).toEqual([]);
  });
});
