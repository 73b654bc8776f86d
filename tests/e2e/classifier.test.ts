// The Classifier page on the built app in headless Chromium: the shipped text classifier's cross-validated report
// (labelled TEXT-ONLY, ROC curve, confusion matrix), applying it to the bundled demo slices (a tag share per
// benchmark, inspector links), and Tables 2–3 whose notes name the classifier — also after a reload.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedTextClassifier } from '../../src/core/classify/shipped';
import { artifactPath } from './artifacts';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

let app: ServedApp | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];
const shipped = shippedTextClassifier();

beforeAll(async () => {
  app = await buildAndPreview();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const go = async (hash: string, heading: string): Promise<void> => {
  if (app === null) throw new Error('setup failed');
  await page.goto(`${app.base}${hash}`);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 20_000 });
};

const notes = (): Promise<string | null> => page.getByRole('list', { name: 'Table notes' }).textContent();

describe('Classifier page', () => {
  it("shows the shipped text classifier's cross-validated report", async () => {
    await go('#/classifier', 'Classifier');
    expect(await page.getByTestId('classifier-id').textContent()).toBe(shipped.id);
    expect(await page.getByTestId('classifier-source').textContent()).toContain('TEXT-ONLY');
    expect(await page.getByTestId('classifier-auc').textContent()).toBe(shipped.cv.auc.toFixed(3));
    const cells = await page.getByTestId('classifier-confusion').locator('tbody td').allTextContents();
    const m = shipped.cv.confusion;
    expect(cells).toEqual([m.tp, m.fn, m.fp, m.tn].map(String));
    await page.getByTestId('plot-roc').locator('svg[role="img"]').first().waitFor({ timeout: 20_000 });
    // No MedXpertQA among the demo slices: the page says what to load instead of offering an empty training run.
    expect(await page.getByTestId('classifier-needs-medxpertqa').textContent()).toMatch(/Load MedXpertQA MM/);
    expect(await page.getByTestId('classifier-train').isDisabled()).toBe(true);
  });

  it('applies it to the bundled demo slices and shows the tag share per benchmark', async () => {
    await expect
      .poll(() => page.getByRole('region', { name: 'Apply to the benchmarks' }).textContent(), { timeout: 30_000 })
      .toMatch(/VQA-RAD \(demo slice\).*SLAKE \(demo slice\).*PathVQA \(demo slice\)/s);
    await page.getByTestId('classifier-apply').click();
    for (const id of ['vqa-rad', 'slake', 'pathvqa'])
      await expect
        .poll(() => page.getByTestId(`tag-share-value-${id}`).textContent(), { timeout: 30_000 })
        .toMatch(/^\d+\.\d%$/);
    const link = page.getByTestId('tag-share-vqa-rad').getByRole('link', { name: 'reasoning' });
    expect(await link.getAttribute('href')).toBe('#/inspect?benchmark=vqa-rad&tag=reasoning');
    await page.screenshot({ path: artifactPath('page-classifier.png'), fullPage: true });
  });

  it('Tables 2 and 3 name the classifier in their notes, also after a reload', async () => {
    for (const t of ['2', '3']) {
      await go(`#/tables?t=${t}`, 'Tables');
      await expect.poll(notes, { timeout: 20_000 }).toContain(shipped.id);
      const text = (await notes()) ?? '';
      expect(text).toContain('TEXT-ONLY');
      const items = await page.getByRole('list', { name: 'Table notes' }).locator('li').allTextContents();
      const vqaNote = items.find((n) => n.startsWith('VQA-RAD:')) ?? '';
      expect(vqaNote).toMatch(/^VQA-RAD: tags by classifier text:.*; \d+\.\d% of \d+ items tagged reasoning$/);
    }
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Tables' }).waitFor({ timeout: 20_000 });
    await expect.poll(notes, { timeout: 20_000 }).toContain(shipped.id);
    await page.screenshot({ path: artifactPath('page-classifier-tables.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
