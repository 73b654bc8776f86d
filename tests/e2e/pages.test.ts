// Every page of the built app in headless Chromium, each saving a screenshot under the test artifacts
// (tests/e2e/artifacts.ts), with imported runs so the reading pages have something to show: the Tables page's
// local-vs-server agreement note, Compare's paired numbers and inspector links, the Plots page's four figures and
// their SVG/PNG files, result bundles out and back in, and a predictions file scored in the browser.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBenchmark } from '../../src/core/benchmarks';
import { PAGES } from '../../src/app/state/route.svelte';
import { artifactPath } from './artifacts';
import { expectedBenchmarks, makeResultsFile } from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

const vqa = expectedBenchmarks().find((b) => b.id === 'vqa-rad');
if (vqa === undefined) throw new Error('expected.ts lists no vqa-rad');
const ids = vqa.kept.map((r) => String(r['qid']));
const variant = getBenchmark('vqa-rad').defaultVariant;

/** A results file whose item i is correct unless flip(i) says otherwise, under a given model and backend. */
function resultsFile(model: string, backend: string, flip: (i: number) => boolean): string {
  const lines = makeResultsFile(model, 'vqa-rad', variant, ids).text.trim().split('\n');
  return (
    lines
      .map((line, i) => {
        const rec = JSON.parse(line) as Record<string, unknown>;
        if (i === 0) return JSON.stringify({ ...rec, backend });
        if (!flip(i - 1)) return line;
        const ok = rec['correct'] !== true;
        return JSON.stringify({ ...rec, correct: ok, letter: ok ? 'A' : 'B', extracted: ok ? 'A' : 'B' });
      })
      .join('\n') + '\n'
  );
}

// Item i of makeResultsFile is right unless i % 3 === 1. Lingshu flips every 4th item, Qwen's browser run every 5th.
const lingshu = resultsFile('lingshu-7b', 'openai', (i) => i % 4 === 0);
const qwenServer = resultsFile('qwen2.5-vl-3b', 'openai', () => false);
const qwenBrowser = resultsFile('qwen2.5-vl-3b', 'transformers', (i) => i % 5 === 0);
const right = (i: number, flip: (i: number) => boolean): boolean => (i % 3 !== 1) !== flip(i);
// Imported runs of one model merge (a later file wins per item): Compare's "Qwen2.5-VL-3B" is the browser file's.
let onlyQwen = 0;
let onlyLingshu = 0;
ids.forEach((_, i) => {
  const a = right(i, (k) => k % 5 === 0);
  const b = right(i, (k) => k % 4 === 0);
  if (a && !b) onlyQwen++;
  if (b && !a) onlyLingshu++;
});
const sameAnswers = ids.filter((_, i) => i % 5 !== 0).length;

let app: ServedApp | null = null;
let browser: Browser | null = null;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  app = await buildAndPreview();
  browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
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
/** Selects the option whose text matches (playwright's selectOption takes exact labels only). */
const choose = async (testId: string, label: RegExp): Promise<void> => {
  const select = page.getByTestId(testId);
  await expect
    .poll(() => select.locator('option').allTextContents(), { timeout: 20_000 })
    .toContainEqual(expect.stringMatching(label));
  const options = await select
    .locator('option')
    .evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const hit = options.find((o) => label.test(o.text));
  if (hit === undefined) throw new Error(`no option matching ${String(label)}`);
  await select.selectOption(hit.value);
};
const shoot = async (name: string): Promise<void> => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: artifactPath(`page-${name}.png`), fullPage: true });
};

describe('every page, with imported runs', () => {
  it('imports three runs on the Tables page; the table notes the browser/server agreement of one model', async () => {
    await go('#/tables', 'Tables');
    await page.getByLabel('Import results (.jsonl)').setInputFiles([
      { name: 'lingshu.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lingshu) },
      { name: 'qwen3b-server.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(qwenServer) },
      { name: 'qwen3b-browser.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(qwenBrowser) },
    ]);
    const pct = ((100 * sameAnswers) / ids.length).toFixed(1);
    await expect
      .poll(() => page.locator('body').textContent(), { timeout: 15_000 })
      .toContain(`same answer on ${pct}% of the ${ids.length} items both answered`);
    await shoot('tables');
  });

  it('Compare pairs two runs, counts the discordant items and links each to the inspector', async () => {
    await go('#/compare', 'Compare two runs');
    await choose('compare-a', /Qwen2\.5-VL-3B.*openai/);
    await choose('compare-b', /Lingshu/);
    await expect.poll(() => page.getByTestId('compare-n').textContent()).toBe(String(ids.length));
    const rows = page.getByTestId('compare-discordant').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(onlyQwen + onlyLingshu);
    const href = await rows.first().getByRole('link').first().getAttribute('href');
    expect(href).toMatch(/^#\/inspect\?run=imported%3Aqwen2\.5-vl-3b%7Cvqa-rad%7C.+&item=/);
    expect(await page.getByTestId('compare-p').textContent()).toMatch(/exact two-sided binomial|χ² test/);
    await shoot('compare');
    // The link opens that run on that item in the inspector.
    const params = new URLSearchParams((href ?? '').split('?')[1] ?? '');
    await go(href ?? '', 'Inspector');
    await expect.poll(() => page.getByTestId('inspect-run').inputValue()).toBe(params.get('run'));
    await page.getByTestId('inspect-item').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('inspect-item').getByRole('heading').first().textContent()).toContain(
      params.get('item') ?? '?',
    );
  });

  it('Plots draws four SVG figures and saves them as SVG and PNG files', async () => {
    await go('#/plots', 'Plots');
    for (const id of ['scaling', 'reasoning', 'bars', 'status']) {
      const fig = page.getByTestId(`plot-${id}`);
      if (id === 'reasoning') continue; // the imported runs carry no tags: that figure shows paper rows only
      await expect.poll(() => fig.locator('svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-bars-svg').click()]);
    const svgText = await readFile(await svg.path(), 'utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    expect(svgText).toContain('Lingshu-7B');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plot-scaling-png').click()]);
    const pngBytes = await readFile(await png.path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await shoot('plots');
  });

  it('exports a bundle of every run and imports it back under its own name', async () => {
    await go('#/tables', 'Tables');
    await page.getByRole('button', { name: 'Tick all' }).click();
    const [zip] = await Promise.all([page.waitForEvent('download'), page.getByTestId('bundle-export').click()]);
    const files = unzipSync(new Uint8Array(await readFile(await zip.path())));
    expect(Object.keys(files).filter((f) => f.endsWith('.jsonl'))).toHaveLength(3);
    expect(strFromU8(files['SUMMARY.md'] ?? new Uint8Array())).toContain('| lingshu-7b-vqa-rad-');
    await page
      .getByTestId('bundle-import')
      .setInputFiles([{ name: 'alice.zip', mimeType: 'application/zip', buffer: await readFile(await zip.path()) }]);
    await expect.poll(() => page.getByTestId('bundles-message').textContent()).toContain('Imported 3 results file(s)');
    expect(await page.getByRole('list', { name: 'Imported files' }).textContent()).toContain('alice.zip/');
  });

  it('scores a predictions file against the VQA-RAD demo slice', async () => {
    const preds = ids.map((id) => JSON.stringify({ id, output: 'I would say \\boxed{A}' })).join('\n');
    await page
      .getByTestId('predictions-file')
      .setInputFiles([{ name: 'other-harness.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(preds) }]);
    await choose('predictions-benchmark', /VQA-RAD · demo slice/);
    await page.getByTestId('predictions-score').click();
    await expect
      .poll(() => page.getByTestId('bundles-message').textContent(), { timeout: 20_000 })
      .toContain(`Scored ${ids.length} prediction(s) on vqa-rad`);
    await shoot('tables-bundles');
  });

  it('opens every other page and saves its screenshot', async () => {
    const headings: Record<string, string> = {
      benchmarks: 'Benchmarks',
      items: 'Item browser',
      run: 'Run',
      setup: 'Setup',
    };
    for (const p of PAGES) {
      const heading = headings[p.id];
      if (heading === undefined) continue;
      await go(`#/${p.id}`, heading);
      if (p.id === 'setup')
        await expect.poll(() => page.getByTestId('setup-fits').locator('tbody tr').count()).toBeGreaterThan(5);
      await shoot(p.id);
    }
    expect(pageErrors).toEqual([]);
  });
});
