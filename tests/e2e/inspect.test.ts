// End to end: the inspector on the built app in headless Chromium. Two results files for the bundled VQA-RAD demo
// slice are imported (two models, written here); a deep link opens one item, which shows the dataset's question,
// options with gold and extracted marked, the answer span, a loaded image, the prompt and both models side by side;
// the list moves with the keyboard, and filters keep the counts computed here from the same files.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBenchmark, loadBenchmark } from '../../src/core/benchmarks';
import type { Item } from '../../src/core/types';
import { createFsSource } from '../../src/data/fs';
import { STATIC_DIR, makeResultsFile } from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

const VARIANT = getBenchmark('vqa-rad').defaultVariant;
// The deep link below uses the older form of a run ref (still read); the page's own links name the data and sample.
const runRef = (model: string): string => `imported|${model}|vqa-rad|${VARIANT}`;
const runRefNow = (model: string): string => `imported:${model}|vqa-rad|${VARIANT}|`;

let app: ServedApp | null = null;
let browser: Browser | null = null;
let page: Page;
let items: Item[] = [];
const pageErrors: string[] = [];

/** Model B thinks first and answers B everywhere: right where the gold (A in these files) is not, i.e. never. */
function thinkingRun(ids: readonly string[]): string {
  const [manifest = '', ...lines] = makeResultsFile('qwen2.5-vl-3b', 'vqa-rad', VARIANT, ids).text.trim().split('\n');
  const results = lines.map((line) => {
    const r = JSON.parse(line) as Record<string, unknown>;
    return JSON.stringify({
      ...r,
      output: '<think>Looking at the image, it could be either.</think>So the answer is \\boxed{B}.',
      extracted: 'B',
      letter: 'B',
      correct: false,
    });
  });
  return [manifest, ...results].join('\n') + '\n';
}

beforeAll(async () => {
  items = (await loadBenchmark(createFsSource(join(STATIC_DIR, 'vqa-rad')), 'vqa-rad', VARIANT)).items;
  app = await buildAndPreview();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The item= of the page's hash link. */
const itemParam = (): string | null => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('item');

describe('inspector', () => {
  it('opens an item of an imported run from a deep link, with the dataset item and both models side by side', async () => {
    const ids = items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(3);
    await page.goto(`${app?.base ?? ''}#/inspect`);
    await page.getByText('No runs yet').waitFor({ timeout: 30_000 });
    await page.getByLabel('Import results (.jsonl)').setInputFiles([
      {
        name: 'a.jsonl',
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(makeResultsFile('qwen2.5-vl-7b', 'vqa-rad', VARIANT, ids).text),
      },
      { name: 'b.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(thinkingRun(ids)) },
    ]);

    // Item 1 of model A's file is wrong (makeResultsFile: every third from the second answers B for gold A).
    const target = items[1];
    if (target === undefined) throw new Error('fixture');
    await page.goto(
      `${app?.base ?? ''}#/inspect?run=${encodeURIComponent(runRef('qwen2.5-vl-7b'))}&item=${encodeURIComponent(target.id)}`,
    );
    const article = page.getByTestId('inspect-item');
    await article.getByRole('heading', { name: new RegExp(`Item ${escape(target.id)}`) }).waitFor({ timeout: 30_000 });
    expect((await page.getByTestId('inspect-count').textContent())?.trim()).toBe(
      `${ids.length} of ${ids.length} items`,
    );
    expect(await page.getByTestId('inspect-verdict').textContent()).toBe('wrong');
    expect((await page.getByTestId('inspect-question').textContent())?.trim()).toBe(target.question.trim());
    const options = article.getByRole('list', { name: 'Options' }).getByRole('listitem');
    expect(await options.count()).toBe(target.options.length);
    expect(await options.filter({ hasText: 'gold' }).textContent()).toMatch(/^\s*A\./);
    expect(await options.filter({ hasText: 'extracted' }).textContent()).toMatch(/^\s*B\./);
    const extraction = await page.getByTestId('inspect-extraction').textContent();
    expect(extraction).toContain('boxed');
    expect(extraction).toContain('the last \\boxed{}/\\fbox{} mapped to one option');
    // The answer span: the box's content, marked in the output.
    expect(
      await article
        .getByRole('group', { name: /^Output of qwen2.5-vl-7b/ })
        .locator('mark')
        .allTextContents(),
    ).toEqual(['B']);
    const img = article.getByRole('img', { name: /^Image 1 of item/ });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('inspect-prompt').textContent()).toContain(target.question.trim());

    // Side by side: both models, the other one a link to the same item in its run.
    const side = page.getByTestId('side-by-side');
    expect(await side.getByRole('heading').textContent()).toContain('2 runs answered this item');
    const rows = side.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const other = side.getByRole('link', { name: 'qwen2.5-vl-3b' });
    await other.click();
    await expect.poll(() => new URL(page.url()).hash).toContain(encodeURIComponent(runRefNow('qwen2.5-vl-3b')));
    // Model B's output: its think block folded, the box after it marked.
    const think = article.locator('details.think');
    await think.first().waitFor({ timeout: 10_000 });
    expect(await think.first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await think.first().locator('summary').textContent()).toMatch(/^Thinking \(\d+ characters\)$/);
    expect(itemParam()).toBe(target.id);
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-inspect.png'), fullPage: true });
  });

  it('moves through the list with the keyboard', async () => {
    const list = page.getByTestId('inspect-list');
    await list.focus();
    await page.keyboard.press('Home');
    await expect.poll(itemParam).toBe(items[0]?.id);
    await page.keyboard.press('ArrowDown');
    await expect.poll(itemParam).toBe(items[1]?.id);
    await page.keyboard.press('j');
    await expect.poll(itemParam).toBe(items[2]?.id);
    await page.keyboard.press('End');
    await expect.poll(itemParam).toBe(items.at(-1)?.id);
    expect(await list.getAttribute('aria-activedescendant')).toBeTruthy();
    expect(await page.getByTestId('inspect-item').getByRole('heading').first().textContent()).toContain(
      items.at(-1)?.id ?? '?',
    );
  });

  it('filters by outcome and searches question text, with the counts these files give', async () => {
    await page.goto(`${app?.base ?? ''}#/inspect?run=${encodeURIComponent(runRef('qwen2.5-vl-7b'))}`);
    const count = page.getByTestId('inspect-count');
    const n = items.length;
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toContain(`${n} of ${n} items`);
    const filters = page.getByRole('form', { name: 'Filters' });
    await filters.getByLabel('Outcome').selectOption('wrong');
    const wrong = items.filter((_, i) => i % 3 === 1);
    await expect.poll(() => count.textContent()).toContain(`${wrong.length} of ${n} items`);
    // A word from one wrong item's question; the expected count is every wrong item whose question or id holds it.
    const word = (wrong[0]?.question ?? '').split(/\s+/).sort((a, b) => b.length - a.length)[0] ?? '';
    expect(word.length).toBeGreaterThan(3);
    const hits = wrong.filter((i) => `${i.id}\n${i.question}`.toLowerCase().includes(word.toLowerCase()));
    await filters.getByLabel('Search question and output').fill(word.toUpperCase());
    await expect.poll(() => count.textContent()).toContain(`${hits.length} of ${n} items`);
    const shown = await page
      .getByTestId('inspect-list')
      .locator('[role="option"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
    expect(shown).toEqual(hits.map((i) => i.id));
    await filters.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => count.textContent()).toContain(`${n} of ${n} items`);
    expect(pageErrors).toEqual([]);
  });

  // Last: a file this large is kept in memory only, so the earlier imports stop being saved in localStorage.
  it("lists a large file's first items while the rest is read, then all of them", async () => {
    const n = 6000;
    const ids = Array.from({ length: n }, (_, i) => `synthetic-${i}`);
    const [manifest = '', ...lines] = makeResultsFile('qwen2.5-vl-32b', 'vqa-rad', VARIANT, ids)
      .text.trim()
      .split('\n');
    const padded = lines.map((line) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      return JSON.stringify({ ...r, output: `${'The image shows a normal chest. '.repeat(30)}${String(r['output'])}` });
    });
    const text = [manifest, ...padded].join('\n') + '\n';
    expect(text.length).toBeGreaterThan(2_000_000); // above the size that is read whole
    await page.goto(`${app?.base ?? ''}#/inspect?run=${encodeURIComponent(runRef('qwen2.5-vl-32b'))}`);
    await page.getByLabel('Import results (.jsonl)').waitFor({ state: 'attached', timeout: 30_000 });
    // Every text the count and the progress line show during the import.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenCounts: string[] }).seenCounts = seen;
      new MutationObserver(() => {
        for (const id of ['inspect-count', 'import-progress']) {
          const t = document.querySelector(`[data-testid="${id}"]`)?.textContent?.replace(/\s+/g, ' ').trim();
          if (t !== undefined && seen.at(-1) !== t) seen.push(t);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Import results (.jsonl)').setInputFiles({
      name: 'large.jsonl',
      mimeType: 'application/x-ndjson',
      buffer: Buffer.from(text),
    });
    const count = page.getByTestId('inspect-count');
    await expect
      .poll(() => count.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^\\s*${n} of ${n} items\\s*$`));
    const seen = await page.evaluate(() => (window as unknown as { seenCounts: string[] }).seenCounts);
    const partial = seen.find((t) => t.includes('so far (reading the file:'));
    expect(partial, seen.join(' | ')).toBeDefined();
    const shownFirst = Number(/^(\d+) of (\d+) items/.exec(partial ?? '')?.[2]);
    expect(shownFirst).toBeGreaterThan(0);
    expect(shownFirst).toBeLessThan(n);
    expect(seen.some((t) => /^Reading large\.jsonl: [\d.]+ of [\d.]+ MB$/.test(t))).toBe(true);
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    const firstRow = page.getByTestId('inspect-list').locator('[role="option"]').first();
    expect(await firstRow.getAttribute('data-id')).toBe(ids[0]);
    expect(pageErrors).toEqual([]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
