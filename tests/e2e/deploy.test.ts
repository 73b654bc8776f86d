// Static deployment: the production build copied under a sub-path of a plain static file server (no COOP/COEP
// headers, no SPA fallback, real Content-Types) runs a remote demo run end to end. Every request the app makes to
// its host stays under the sub-path (relative base: assets, workers, wasm, static-datasets), and the COOP/COEP
// service worker makes the page cross-origin isolated after one reload.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAITestServer } from '../support/openai-test-server';
import type { OpenAITestServer, ServedRequest } from '../support/openai-test-server';
import { REPO_ROOT } from '../support/shared-datasets';
import { startStaticServer } from '../support/static-server';
import type { StaticServer } from '../support/static-server';
import { artifactPath } from './artifacts';
import { expectedBenchmarks } from './expected';
import { launchChromium, reloadForNewServer } from './support';

const SUB = 'workshop/medvlm/';
const SERVED = 'Qwen/Qwen2.5-VL-72B-Instruct';
const MODEL_ID = 'qwen2.5-vl-72b';
const vqa = expectedBenchmarks().find((b) => b.id === 'vqa-rad');
if (vqa === undefined) throw new Error('expected.ts lists no vqa-rad');
// Every question answered "yes": the accuracy is the share of kept items whose gold is yes.
const expectedCorrect = vqa.kept.filter((r) => vqa.goldText(r) === 'yes').length;
const n = vqa.kept.length;

function reply(r: ServedRequest): string {
  const letter = /^([A-Z])\. yes$/im.exec(r.promptText)?.[1] ?? '?';
  return `It is visible. \\boxed{${letter}}`;
}

let site = '';
let host: StaticServer | null = null;
let server: OpenAITestServer | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await mkdtemp(join(tmpdir(), 'medvlm-e2e-site-'));
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  await build({
    configFile,
    root: REPO_ROOT,
    logLevel: 'warn',
    build: { outDir: join(site, SUB), emptyOutDir: true },
  });
  host = await startStaticServer({ root: site, cors: false, mime: true, indexFile: 'index.html' });
  server = await startOpenAITestServer({ models: [SERVED], allowOrigin: host.url, respond: reply });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 1100 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await host?.close();
  if (site !== '') await rm(site, { recursive: true, force: true });
});

describe('the built app on a plain static host under a sub-path', () => {
  it('loads, and becomes cross-origin isolated through its service worker', async () => {
    if (host === null) throw new Error('setup failed');
    await page.goto(`${host.url}/${SUB}`);
    await expect.poll(() => page.evaluate(() => globalThis.crossOriginIsolated), { timeout: 30_000 }).toBe(true);
    await page.goto(`${host.url}/${SUB}#/setup`);
    await expect.poll(() => page.getByTestId('setup-isolation').textContent()).toContain('Cross-origin isolated');
  });

  it('runs the VQA-RAD demo slice on a remote server and shows the accuracy the answers imply', async () => {
    if (host === null || server === null) throw new Error('setup failed');
    expect(expectedCorrect).toBeGreaterThan(0);
    expect(expectedCorrect).toBeLessThan(n);
    await page.goto(`${host.url}/${SUB}#/run`);
    await page.getByLabel('Remote server (OpenAI-compatible)').check();
    await page.locator('#run-remote-model').selectOption(MODEL_ID);
    await page.getByLabel('Server base URLs (one per line)').fill(server.url);
    await reloadForNewServer(page, server.url);
    await page.getByRole('checkbox', { name: /VQA-RAD/ }).check();
    for (const other of [/SLAKE/, /PathVQA/]) await page.getByRole('checkbox', { name: other }).uncheck();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect
      .poll(() => page.locator('#run-status-heading').textContent(), { timeout: 60_000 })
      .toContain('Completed');
    const shown = (await page.getByLabel('VQA-RAD accuracy').textContent()) ?? '';
    expect(shown).toContain(`${expectedCorrect} of ${n} correct`);
    expect(shown).toContain((expectedCorrect / n).toFixed(4));
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('deploy-subpath-run.png'), fullPage: true });
  });

  it('asked its host only for files under the sub-path, and threw nothing', () => {
    const paths = host?.requests().map((r) => r.path) ?? [];
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !p.startsWith(SUB))).toEqual([]);
    // the demo slice and the data worker came from under the sub-path
    expect(paths.some((p) => p.startsWith(`${SUB}static-datasets/vqa-rad/`))).toBe(true);
    expect(paths.some((p) => p === `${SUB}coi-serviceworker.js`)).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
