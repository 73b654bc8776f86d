// End to end: the production build, served by `vite preview` on 127.0.0.1, driven in headless Chromium.
// Expected values come from the committed static-datasets raw files and a results file generated here.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBenchmark } from '../../src/core/benchmarks';
import { findModel } from '../../src/core/models/registry';
import {
  STATIC_DIR,
  eitherOrAlternatives,
  expectedBenchmarks,
  makeResultsFile,
  manifestPaths,
  readManifest,
} from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';
const expected = expectedBenchmarks();
const byId = (id: string) => {
  const e = expected.find((b) => b.id === id);
  if (e === undefined) throw new Error(`no expectation for ${id}`);
  return e;
};

let app: ServedApp | null = null;
let browser: Browser | null = null;
let page: Page;
let base = '';
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await buildAndPreview();
  base = app.base;
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** The <dd> after the <dt> with this exact text, inside a load-report card. */
const countIn = (card: Locator, label: string): Locator => card.locator(`dt:text-is("${label}") + dd`);

/** The cell of a row under the column headed `column` (row header excluded from the cell index). */
async function cellOf(row: Locator, column: string): Promise<Locator> {
  const headers = (await page.locator('table.results thead th').allTextContents()).map((h) => h.trim());
  const col = headers.indexOf(column);
  expect(col).toBeGreaterThan(0);
  return row.getByRole('cell').nth(col - 1);
}

const rowOf = (label: string, source: 'paper' | 'measured'): Locator =>
  page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${label} ${source}`, exact: true }) });

const signed = (d: number): string => (d > 0 ? `+${d.toFixed(4)}` : d.toFixed(4));

describe('the app, built and served by vite preview', () => {
  it('bundles slices whose manifests match the files, with the closed questions the brief asks for', () => {
    for (const b of expected) {
      expect(b.kept.length).toBeGreaterThanOrEqual(15);
      const m = readManifest(b.id);
      for (const f of m.files) {
        const bytes = readFileSync(join(STATIC_DIR, b.id, f.path));
        expect({ path: f.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual(
          f,
        );
      }
      const images = new Set(b.records.map(b.imageOf));
      expect(m.counts).toEqual({ records: b.records.length, items: b.kept.length, images: images.size });
    }
    // SLAKE must include either/or questions, not only yes/no.
    expect(byId('slake').kept.some((r) => eitherOrAlternatives(String(r['question'])).length > 1)).toBe(true);
  });

  it('lists the bundled benchmarks with kept counts derived from the raw files', async () => {
    await page.goto(`${base}#/benchmarks`);
    await expect.poll(() => page.getByRole('link', { name: 'Benchmarks' }).getAttribute('aria-current')).toBe('page');
    for (const b of expected) {
      const card = page.getByRole('region', { name: b.title, exact: true });
      await countIn(card, 'Kept').waitFor({ timeout: 30_000 });
      expect((await countIn(card, 'Kept').textContent())?.trim()).toBe(String(b.kept.length));
      expect((await countIn(card, 'Records').textContent())?.trim()).toBe(String(b.records.length));
      const paths = manifestPaths(b.id);
      const missing = b.kept.filter((r) => !paths.has(b.imageOf(r))).length;
      expect((await countIn(card, 'Missing images').textContent())?.trim()).toBe(String(missing));
      await expect.poll(() => card.getByRole('alert').count()).toBe(0);
    }
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-benchmarks.png'), fullPage: true });
  });

  it('browses items: question, options with the gold marked, a loaded image and the prompt', async () => {
    // VQA-RAD first: its image folder has spaces, so this also checks URL encoding end to end.
    for (const id of ['vqa-rad', 'slake'] as const) {
      const b = byId(id);
      await page.goto(`${base}#/items?b=${id}`);
      const item = page.getByRole('article');
      await item.locator('.question').waitFor({ timeout: 30_000 });
      const question = (await item.locator('.question').textContent())?.trim() ?? '';
      const record = b.kept.find((r) => String(r['question']).trim() === question);
      expect(record, `shown question "${question}" is a kept ${id} record`).toBeDefined();
      if (record === undefined) continue;
      const options = item.getByRole('list', { name: 'Options' }).getByRole('listitem');
      expect(await options.count()).toBeGreaterThanOrEqual(2);
      const gold = options.filter({ hasText: 'gold' });
      expect(await gold.count()).toBe(1);
      expect((await gold.textContent())?.toLowerCase()).toContain(b.goldText(record));
      const img = item.getByRole('img', { name: /^Image 1 of item/ });
      await expect
        .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 15_000 })
        .toBeGreaterThan(0);
      const prompt = (await page.getByLabel('Prompt text').textContent()) ?? '';
      expect(prompt).toContain(question);
      expect(prompt).toContain('\\boxed{}');
    }
    // An either/or SLAKE item: its options are the alternatives named in the question.
    const pick = page
      .getByRole('navigation', { name: 'Items' })
      .getByRole('button', { name: /Which is the biggest/ })
      .first();
    await pick.click();
    const q = (await page.getByRole('article').locator('.question').textContent())?.trim() ?? '';
    expect(q).toMatch(/Which is the biggest/);
    const texts = (await page.getByRole('list', { name: 'Options' }).getByRole('listitem').allTextContents()).map((t) =>
      t
        .replace(/^\s*[A-Z]\.\s*/, '')
        .replace(/gold\s*$/, '')
        .trim()
        .toLowerCase(),
    );
    expect(texts).toEqual(eitherOrAlternatives(q));
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-items.png'), fullPage: true });
  });

  it("shows the paper's rows in Tables 1–3, shaded per column", async () => {
    await page.goto(`${base}#/tables`);
    const cases = [
      { tab: 'Table 1', value: '0.6255' },
      { tab: 'Table 2', value: '0.6456' },
      { tab: 'Table 3', value: '0.5890' },
    ];
    for (const c of cases) {
      await page.getByRole('tab', { name: c.tab }).click();
      await expect.poll(() => page.getByRole('tab', { name: c.tab }).getAttribute('aria-selected')).toBe('true');
      const cell = await cellOf(rowOf('Qwen2.5-VL-7B', 'paper'), 'VQA-RAD');
      expect((await cell.textContent())?.trim()).toBe(c.value);
    }
    // Darker = higher: in Table 1's VQA-RAD column the highest paper value (Qwen2.5-VL-32B) is the darkest.
    await page.getByRole('tab', { name: 'Table 1' }).click();
    expect(await (await cellOf(rowOf('Qwen2.5-VL-32B', 'paper'), 'VQA-RAD')).getAttribute('class')).toContain(
      'shade-4',
    );
    expect(await (await cellOf(rowOf('Qwen2.5-VL-3B', 'paper'), 'VQA-RAD')).getAttribute('class')).toContain('shade-0');
  });

  it('imports results files, reports bad lines, adds measured rows and keeps earlier imports', async () => {
    const label = findModel('qwen2.5-vl-7b')?.label ?? 'qwen2.5-vl-7b';
    const vqa = byId('vqa-rad');
    const ids = vqa.kept.map((r) => String(r['qid']));
    const run = makeResultsFile('qwen2.5-vl-7b', 'vqa-rad', getBenchmark('vqa-rad').defaultVariant, ids);
    const lines = run.text.split('\n');
    lines.splice(3, 0, '{this is not json'); // becomes line 4
    const input = page.getByLabel('Import results (.jsonl)');
    await input.setInputFiles([
      { name: 'qwen7b-vqa-rad.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) },
    ]);

    const accuracy = run.correct / run.n;
    const cell = await cellOf(rowOf(label, 'measured'), 'VQA-RAD');
    await expect.poll(() => cell.textContent(), { timeout: 10_000 }).toContain(accuracy.toFixed(4));
    expect(await cell.textContent()).toContain(`n=${run.n}`);
    expect(await cell.textContent()).toContain(signed(accuracy - 0.6255));
    const problems = page.getByRole('list', { name: 'Problems in qwen7b-vqa-rad.jsonl' });
    expect(await problems.textContent()).toMatch(/line 4\b/);

    // A second file adds a PathVQA cell; the first import stays.
    const path = byId('pathvqa');
    const run2 = makeResultsFile(
      'qwen2.5-vl-7b',
      'pathvqa',
      getBenchmark('pathvqa').defaultVariant,
      path.kept.map((_, i) => `p${i}`),
    );
    await input.setInputFiles([
      { name: 'qwen7b-pathvqa.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(run2.text) },
    ]);
    const cell2 = await cellOf(rowOf(label, 'measured'), 'PathVQA');
    await expect.poll(() => cell2.textContent(), { timeout: 10_000 }).toContain((run2.correct / run2.n).toFixed(4));
    expect(await (await cellOf(rowOf(label, 'measured'), 'VQA-RAD')).textContent()).toContain(accuracy.toFixed(4));
    const files = await page.getByRole('list', { name: 'Imported files' }).textContent();
    expect(files).toContain('qwen7b-vqa-rad.jsonl');
    expect(files).toContain('qwen7b-pathvqa.jsonl');

    // Imports persist across a reload (localStorage).
    await page.reload();
    const again = await cellOf(rowOf(label, 'measured'), 'VQA-RAD');
    await expect.poll(() => again.textContent(), { timeout: 10_000 }).toContain(accuracy.toFixed(4));
    await page.screenshot({ path: join(tmpdir(), 'medvlm-e2e-tables.png'), fullPage: true });

    // Exports: Markdown and CSV downloads carry the measured row.
    const exported = async (button: string): Promise<string> => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: button }).click(),
      ]);
      const file = await download.path();
      return readFile(file, 'utf8');
    };
    const md = await exported('Export Markdown');
    const mdRow = md.split('\n').find((l) => l.startsWith(`| ${label} |`));
    expect(mdRow).toBeDefined();
    expect(mdRow).toContain(accuracy.toFixed(4));
    const csv = await exported('Export CSV');
    const csvRow = csv.split('\r\n').find((l) => l.includes(',qwen2.5-vl-7b,') && l.includes(',measured,vqa-rad,'));
    expect(csvRow).toBeDefined();
    expect(csvRow).toContain(`,${accuracy.toFixed(4)},${run.n},${run.correct},`);
  });

  it('made no request beyond 127.0.0.1 and threw no page errors', () => {
    expect(requests.length).toBeGreaterThan(0);
    const origin = new URL(base).origin;
    const foreign = requests.filter(
      (u) => !(u.startsWith(`${origin}/`) || u.startsWith(`blob:${origin}/`) || u.startsWith('data:')),
    );
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
