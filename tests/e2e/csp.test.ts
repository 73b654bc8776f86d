// The built app's connection policy end to end (issue 13): index.html's meta CSP plus the connect-src the page adds
// at load from the user's saved servers and the link that opened it (src/app/lib/dom/connect-policy.ts). A server
// nobody configured stays unreachable (and is never saved); a link's data host is reachable at once; a dataset URL
// typed after the page loaded says it needs a reload, the notice reloads, and then it loads.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStaticServer, type StaticServer } from '../support/static-server';
import { zipFolder } from '../support/zip-build';
import { STATIC_DIR } from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

let app: ServedApp | null = null;
let linked: StaticServer | null = null;
let typed: StaticServer | null = null;
let stranger: StaticServer | null = null;
let browser: Browser | null = null;
const pageErrors: string[] = [];

beforeAll(async () => {
  const zip = zipFolder(join(STATIC_DIR, 'vqa-rad'), { topFolder: 'VQA-RAD' });
  const files = { 'vqa-rad.zip': zip, 'ping.txt': new TextEncoder().encode('pong') };
  stranger = await startStaticServer({ files });
  const moved = { 'moved.zip': `${base(stranger)}/vqa-rad.zip` };
  [linked, typed] = await Promise.all([startStaticServer({ files, redirects: moved }), startStaticServer({ files })]);
  app = await buildAndPreview();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await Promise.all([linked?.close(), typed?.close(), stranger?.close()]);
});

const base = (s: StaticServer | null): string => (s?.url ?? '').replace(/\/$/, '');
const originOf = (s: StaticServer | null): string => new URL(base(s)).origin;

async function newPage(): Promise<Page> {
  if (browser === null) throw new Error('not started');
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

/** 'ok' or the error the page's fetch of the URL gave. */
const fetchFrom = (page: Page, url: string): Promise<string> =>
  page.evaluate(
    (u) =>
      fetch(u).then(
        (r) => (r.ok ? 'ok' : `HTTP ${r.status}`),
        (e: unknown) => `blocked: ${String(e)}`,
      ),
    url,
  );

const policyOf = (page: Page): Promise<string | null> =>
  page.locator('meta[data-policy="connect"]').getAttribute('content');

describe('the connection policy', () => {
  it('allows the page, the hub and a link’s data host; blocks and never saves a server nobody configured', async () => {
    if (app === null) throw new Error('not started');
    const page = await newPage();
    const url = `${base(linked)}/vqa-rad.zip`;
    await page.goto(`${app.base}#/benchmarks?data=${encodeURIComponent(url)}&benchmark=vqa-rad`);
    await page.locator('[data-testid="kept-vqa-rad"]').first().waitFor({ timeout: 60_000 });
    // index.html's policy (every directive) and the page's narrowed connect-src: both enforced.
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(2);
    const policy = (await policyOf(page)) ?? '';
    expect(policy).toMatch(/^connect-src 'self' blob: data: https:\/\/huggingface\.co /);
    expect(policy).toContain(originOf(linked));
    expect(policy).not.toContain(originOf(stranger));
    expect(policy).not.toMatch(/ https?: /);

    expect(await fetchFrom(page, `${base(linked)}/ping.txt`)).toBe('ok');
    expect(await fetchFrom(page, `${app.base}static-datasets/index.json`)).toBe('ok');
    expect(await fetchFrom(page, `${base(stranger)}/ping.txt`)).toMatch(/^blocked/);
    await page.waitForTimeout(300);
    expect(await page.getByTestId('reload-for-connect').count()).toBe(0);
    expect(stranger?.requests()).toEqual([]); // refused by the browser, not by the server
    await page.reload();
    expect(await policyOf(page)).not.toContain(originOf(stranger));
    expect(await fetchFrom(page, `${base(stranger)}/ping.txt`)).toMatch(/^blocked/);
    expect(pageErrors).toEqual([]);
  });

  it('holds in the data worker too: a link whose file redirects to a host nobody configured does not load', async () => {
    if (app === null) throw new Error('not started');
    const page = await newPage();
    stranger?.reset();
    const url = `${base(linked)}/moved.zip`;
    await page.goto(`${app.base}#/benchmarks?data=${encodeURIComponent(url)}&benchmark=vqa-rad`);
    const card = page.getByRole('region', { name: /VQA-RAD/ }).filter({ hasText: 'moved.zip' });
    await card.getByRole('alert').waitFor({ timeout: 60_000 });
    const said = (await card.getByRole('alert').textContent()) ?? '';
    expect(said).toContain(`refused a connection the data needed (${url}, or where it redirects)`);
    expect(said).toContain('dataset/blocked-by-policy');
    // The worker runs under the page's policy (src/app/lib/dom/start-worker.ts): the redirect's target is refused
    // by the browser before any request leaves, so the stranger host sees none.
    expect(stranger?.requests()).toEqual([]);
    expect(linked?.requests().some((r) => r.path === 'moved.zip')).toBe(true);
    expect(await page.locator('[data-testid="kept-vqa-rad"]').count()).toBe(1); // the bundled slice only
  });

  it('a dataset URL typed after the page loaded says to reload; after the notice’s reload it loads', async () => {
    if (app === null) throw new Error('not started');
    const page = await newPage();
    await page.goto(`${app.base}#/benchmarks`);
    const url = `${base(typed)}/vqa-rad.zip`;
    await page.getByLabel('Dataset URL').fill(url);
    await page.getByRole('button', { name: 'Load URL' }).click();
    const error = page.getByRole('alert').filter({ hasText: 'config/needs-reload' });
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain(`${originOf(typed)} is new`);
    expect(typed?.requests()).toEqual([]); // nothing was fetched before the reload
    const notice = page.getByTestId('reload-for-connect');
    expect(await notice.textContent()).toContain(originOf(typed));

    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload now' }).click()]);
    expect(await policyOf(page)).toContain(originOf(typed));
    // The URL was remembered: the reload loads it, now allowed.
    const card = page.getByRole('region', { name: 'VQA-RAD · loaded', exact: true });
    await card.locator('[data-testid="kept-vqa-rad"]').waitFor({ timeout: 60_000 });
    expect((await card.locator('[data-testid="kept-vqa-rad"]').textContent())?.trim()).toBe('21');
    expect(pageErrors).toEqual([]);
  });
});
