// A workshop link end to end: the built app opened at #/benchmarks?data=<zip url>&benchmark=vqa-rad, with the zip
// (built here from the demo slice) on a second, cross-origin static server (CORS + CORP, ranges), loads it in the
// data worker and shows the kept count in [data-testid="kept-vqa-rad"]; the URL is loaded again after a reload.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { zipFolder } from '../support/zip-build';
import { STATIC_DIR } from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

let app: ServedApp | null = null;
let data: StaticServer | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const zip = zipFolder(join(STATIC_DIR, 'vqa-rad'), { topFolder: 'VQA-RAD' });
  data = await startStaticServer({ files: { 'vqa-rad.zip': zip, 'slake.zip': zipFolder(join(STATIC_DIR, 'slake')) } });
  app = await buildAndPreview();
  browser = await launchChromium();
  page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await data?.close();
});

describe('a #/benchmarks?data= link', () => {
  it('loads a cross-origin zip by ranges and shows the kept count beside the protocol count', async () => {
    if (app === null || data === null) throw new Error('not started');
    const url = `${data.url.replace(/\/$/, '')}/vqa-rad.zip`;
    await page.goto(`${app.base}#/benchmarks?data=${encodeURIComponent(url)}&benchmark=vqa-rad`);
    const card = page.getByRole('region', { name: 'VQA-RAD · loaded', exact: true });
    const kept = card.locator('[data-testid="kept-vqa-rad"]');
    await kept.waitFor({ timeout: 60_000 });
    expect((await kept.textContent())?.trim()).toBe('21');
    expect((await card.locator('[data-testid="expected-vqa-rad"]').textContent())?.trim()).toBe('251');
    // The bundled slice keeps its own card and the same contract.
    await page.locator('[data-testid="kept-vqa-rad"]').nth(1).waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="kept-vqa-rad"]').count()).toBe(2);
    expect(data.requests().some((r) => r.range !== null)).toBe(true);

    // Remembered: a reload without the link loads it again.
    await page.goto(`${app.base}#/benchmarks`);
    await page.reload();
    await card.locator('[data-testid="kept-vqa-rad"]').waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
  });

  it('says what the data looks like when it is another benchmark', async () => {
    if (app === null || data === null) throw new Error('not started');
    const url = `${data.url.replace(/\/$/, '')}/slake.zip`;
    await page.goto(`${app.base}#/benchmarks?data=${encodeURIComponent(url)}&benchmark=pathvqa`);
    const card = page.getByRole('region', { name: 'PathVQA · loaded', exact: true });
    const alert = card.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toMatch(/this looks like SLAKE: test\.json \+ imgs\//);
  });
});
