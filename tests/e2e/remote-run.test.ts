// The Run page against a real OpenAI-compatible server (tests/support/openai-test-server.ts) with scripted
// answers, CORS for the preview origin and an API key: connection test, a VQA-RAD run, the accuracy on the page
// and in Table 1 equal to what the script implies (derived here from the raw demo slice), and the key kept out of
// IndexedDB, exports and localStorage unless "remember" is ticked. All of it under the built app's
// Content-Security-Policy (index.html), with not one violation reported, and nosniff from `vite preview`.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findModel } from '../../src/core/models/registry';
import { startOpenAITestServer } from '../support/openai-test-server';
import type { OpenAITestServer, ServedRequest } from '../support/openai-test-server';
import { expectedBenchmarks } from './expected';
import {
  buildAndPreview,
  reloadForNewServer,
  launchChromium,
  progressNumber,
  readResultsDb,
  tableCell,
} from './support';
import type { ServedApp } from './support';

const SERVED = 'Qwen/Qwen2.5-VL-72B-Instruct';
const MODEL_ID = 'qwen2.5-vl-72b';
const KEY = `sk-e2e-${randomBytes(12).toString('hex')}`;
const vqa = expectedBenchmarks().find((b) => b.id === 'vqa-rad');
if (vqa === undefined) throw new Error('expected.ts lists no vqa-rad');

const norm = (q: string): string => q.trim().replace(/\s+/g, ' ').toLowerCase();
/** The script: which option text each question gets, by a hash of the question alone (null = no boxed answer). */
function scriptedPick(question: string): 'yes' | 'no' | null {
  const h = [...norm(question)].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7) % 4;
  return h === 0 ? 'yes' : h === 3 ? null : 'no';
}
function reply(r: ServedRequest): string {
  const at = r.promptText.indexOf('\n\nA. ');
  const question = r.promptText.slice(0, at);
  const letterOf = (text: string): string => new RegExp(`^([A-Z])\\. ${text}$`, 'im').exec(r.promptText)?.[1] ?? '?';
  const h = [...norm(question)].reduce((a, c) => (a * 31 + c.charCodeAt(0)) >>> 0, 7) % 4;
  if (h === 0) return `The image shows it clearly. \\boxed{${letterOf('yes')}}`;
  if (h === 1) return `Nothing suggests it. \\boxed{${letterOf('no')}}`;
  // the last box counts: a model that changes its mind
  if (h === 2) return `First guess \\boxed{${letterOf('yes')}}, but on reflection \\boxed{${letterOf('no')}}`;
  return 'I think the answer is yes.';
}

const expectedCorrect = vqa.kept.filter((r) => scriptedPick(String(r['question'])) === vqa.goldText(r)).length;
const n = vqa.kept.length;
const accuracy = expectedCorrect / n;

let latencyMs = 15;
let app: ServedApp | null = null;
let server: OpenAITestServer | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];
/** Chromium reports every CSP violation on the console ("Refused to … because it violates … Content Security Policy"). */
const cspViolations: string[] = [];

beforeAll(async () => {
  app = await buildAndPreview();
  server = await startOpenAITestServer({
    models: [SERVED],
    allowOrigin: app.origin,
    apiKey: KEY,
    latencyMs: () => latencyMs,
    respond: reply,
  });
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1100 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

const status = (): Promise<string | null> => page.locator('#run-status-heading').textContent();
const storedOf = async (benchmark: string): Promise<string[]> =>
  (await readResultsDb(page)).results.filter((r) => r.model === MODEL_ID && r.benchmark === benchmark).map((r) => r.id);

describe('Run page with a remote OpenAI-compatible server', () => {
  it('serves the CSP and nosniff; hiding the paper rows with no run stored says nothing is measured yet', async () => {
    if (app === null) throw new Error('setup failed');
    const response = await page.goto(`${app.base}#/tables?t=1`);
    expect(response?.headers()['x-content-type-options']).toBe('nosniff');
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').first().getAttribute('content');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("object-src 'none'");
    await page.getByLabel("Show the paper's rows").uncheck();
    await expect.poll(() => page.getByTestId('tables-nothing-measured').count()).toBe(1);
    expect(await page.getByTestId('tables-nothing-measured').textContent()).toContain('Nothing measured yet');
    expect(await page.locator('table.results').count()).toBe(0);
    await page.getByLabel("Show the paper's rows").check();
    await expect.poll(() => page.locator('table.results').count()).toBe(1);
  });

  it('configures the server and tests the connection: ok, then the wrong model name is named', async () => {
    if (app === null || server === null) throw new Error('setup failed');
    await page.goto(`${app.base}#/run`);
    await page.getByLabel('Remote server (OpenAI-compatible)').check();
    await page.locator('#run-remote-model').selectOption(MODEL_ID);
    expect(await page.getByLabel('Served model name').inputValue()).toBe(SERVED);
    await page.getByLabel('Server base URLs (one per line)').fill(server.url);
    // A server typed after the page loaded is outside its connection policy: the test says so, and one reload
    // (through the notice) allows it, keeping what was typed.
    await page.getByLabel('API key').fill(KEY);
    await page.getByLabel('Concurrency').fill('4');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'config/needs-reload' }).count()).toBe(1);
    await page.getByLabel('Server base URLs (one per line)').focus();
    await reloadForNewServer(page, server.url);
    expect(await page.locator('meta[data-policy="connect"]').getAttribute('content')).toContain(
      new URL(server.url).origin,
    );
    expect(await page.getByLabel('Server base URLs (one per line)').inputValue()).toBe(server.url);
    expect(await page.getByLabel('API key').inputValue()).toBe(KEY);
    expect(await page.getByLabel('Concurrency').inputValue()).toBe('4');

    await page.getByRole('button', { name: 'Test connection' }).click();
    const checks = page.getByRole('list', { name: 'Connection test' });
    await expect.poll(() => checks.textContent(), { timeout: 10_000 }).toContain('OK');
    expect(await checks.textContent()).toContain(`serves '${SERVED}'`);

    await page.getByLabel('Served model name').fill('Qwen/Qwen2.5-VL-7B-Instruct');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect.poll(() => checks.textContent(), { timeout: 10_000 }).toContain('model-not-served');
    expect(await checks.textContent()).toContain(`not 'Qwen/Qwen2.5-VL-7B-Instruct'`);
    expect(await checks.textContent()).toContain(`did you mean '${SERVED}'`);
    await page.getByLabel('Served model name').fill(SERVED);

    // Over plain http (HTTP/1.1) more than 6 in flight cannot happen in a browser: the page says so.
    const note = page.getByRole('note', { name: 'Connection limit' });
    await page.getByLabel('Concurrency').fill('16');
    await expect.poll(() => note.textContent()).toContain('at most 6 requests will be in flight');
    expect(await note.textContent()).toContain('HTTP/2');
    await page.getByLabel('Concurrency').fill('4');
    await expect.poll(() => note.count()).toBe(0);
  });

  it('runs the VQA-RAD demo slice and shows the accuracy the scripted answers imply', async () => {
    if (server === null) throw new Error('setup failed');
    // the script must make the number informative: some right, some wrong, some unparsed
    expect(expectedCorrect).toBeGreaterThan(0);
    expect(expectedCorrect).toBeLessThan(n);
    expect(vqa.kept.some((r) => scriptedPick(String(r['question'])) === null)).toBe(true);
    server.resetCounters();
    const vqaBox = page.getByRole('checkbox', { name: /VQA-RAD/ });
    await vqaBox.check();
    for (const other of [/SLAKE/, /PathVQA/]) await page.getByRole('checkbox', { name: other }).uncheck();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 60_000 }).toContain('Completed');

    const shown = (await page.getByLabel('VQA-RAD accuracy').textContent()) ?? '';
    expect(shown).toContain(accuracy.toFixed(4));
    expect(shown).toContain(`${expectedCorrect} of ${n} correct`);
    // one successful answer per item, each request carrying the key
    expect([...server.answered.values()].reduce((a, b) => a + b, 0)).toBe(n);
    expect([...server.authorizations]).toEqual([`Bearer ${KEY}`]);
    // the last streamed output is one of the scripted answers
    expect(await page.getByLabel('Streamed output').textContent()).toMatch(
      /\\boxed\{[A-Z]\}|I think the answer is yes\./,
    );
    await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header would be drawn mid-page otherwise
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-remote-run.png'), fullPage: true });
  });

  it('puts the run in Table 1 beside the paper rows', async () => {
    if (app === null) throw new Error('setup failed');
    await page.goto(`${app.base}#/tables?t=1`);
    const label = findModel(MODEL_ID)?.label ?? MODEL_ID;
    const cell = await tableCell(page, label, 'measured', 'VQA-RAD');
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toContain(accuracy.toFixed(4));
    expect(await cell.textContent()).toContain(`n=${n}`);
    const paperLabel = findModel(MODEL_ID)?.paperLabel ?? label;
    expect(await (await tableCell(page, paperLabel, 'paper', 'VQA-RAD')).textContent()).toMatch(/0\.\d{4}/);
    await page.evaluate(() => window.scrollTo(0, 0)); // a sticky header would be drawn mid-page otherwise
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-remote-tables.png'), fullPage: true });
  });

  it('pauses, resumes and cancels a run; running again resumes from what was stored', async () => {
    if (server === null || app === null) throw new Error('setup failed');
    const slake = expectedBenchmarks().find((b) => b.id === 'slake');
    const total = slake?.kept.length ?? 0;
    await page.goto(`${app.base}#/run`);
    latencyMs = 300;
    await page.getByRole('checkbox', { name: /SLAKE/ }).check();
    await page.getByRole('checkbox', { name: /VQA-RAD/ }).uncheck();
    await page.getByLabel('Concurrency').fill('2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(async () => (await storedOf('slake')).length, { timeout: 20_000, interval: 100 })
      .toBeGreaterThanOrEqual(2);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(status).toContain('Paused');
    await expect.poll(() => progressNumber(page, 'In flight'), { timeout: 10_000 }).toBe('0');
    const paused = (await storedOf('slake')).length;
    const sent = server.total();
    await page.waitForTimeout(900);
    expect(server.total()).toBe(sent); // nothing new starts while paused
    expect((await storedOf('slake')).length).toBe(paused);

    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect
      .poll(async () => (await storedOf('slake')).length, { timeout: 20_000, interval: 100 })
      .toBeGreaterThan(paused);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(status, { timeout: 10_000 }).toContain('Cancelled');
    const cancelled = (await storedOf('slake')).length;
    expect(cancelled).toBeLessThan(total);

    latencyMs = 15;
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(status, { timeout: 30_000 }).toContain('Completed');
    expect(await progressNumber(page, 'Resumed')).toBe(String(cancelled));
    const ids = await storedOf('slake');
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
  });

  it('keeps the API key out of IndexedDB, exports and localStorage unless remembered', async () => {
    const db = await readResultsDb(page);
    expect(db.results.filter((r) => r.benchmark === 'vqa-rad')).toHaveLength(n);
    expect(JSON.stringify(db)).not.toContain(KEY);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Export ${MODEL_ID} vqa-rad as JSONL` }).click(),
    ]);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported.trim().split('\n')).toHaveLength(n + 1);
    expect(exported).not.toContain(KEY);
    const local = (): Promise<string> => page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(await local()).not.toContain(KEY);
    // kept for this tab only
    expect(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).toContain(KEY);

    await page.goto(`${app?.base ?? ''}#/run`);
    await page.getByLabel('Remember the key in this browser').check();
    await expect.poll(() => page.getByRole('note').filter({ hasText: 'localStorage' }).count()).toBe(1);
    await expect.poll(local).toContain(KEY);
    await page.getByLabel('Remember the key in this browser').uncheck();
    await expect.poll(local).not.toContain(KEY);
    expect(pageErrors).toEqual([]);
  });

  it('ran all of the above without a CSP violation, and the policy does block an injected inline script', async () => {
    expect(cspViolations).toEqual([]);
    const ran = await page.evaluate(`(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      return window.__injected === true;
    })()`);
    expect(ran).toBe(false);
    await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
    expect(cspViolations[0]).toContain("script-src 'self'");
  });
});
