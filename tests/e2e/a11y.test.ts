// An automated accessibility check of every page (axe-core in headless Chromium, WCAG 2 A/AA rules): no serious or
// critical violation anywhere. Imported runs give the reading pages (Compare, Plots, Tables) their full content.
import axe from 'axe-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBenchmark } from '../../src/core/benchmarks';
import { PAGES } from '../../src/app/state/route.svelte';
import { artifactPath } from './artifacts';
import { expectedBenchmarks, makeResultsFile } from './expected';
import { buildAndPreview, launchChromium } from './support';
import type { ServedApp } from './support';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let app: ServedApp | null = null;
let browser: Browser | null = null;
let page: Page;

beforeAll(async () => {
  app = await buildAndPreview();
  browser = await launchChromium();
  // bypassCSP: axe is injected as an inline script, which the app's CSP meta tag (script-src 'self') refuses.
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function violations(): Promise<Violation[]> {
  await page.addScriptTag({ content: axe.source });
  const result = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })`,
  )) as { violations: Violation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const describeViolations = (vs: readonly Violation[]): string[] =>
  vs.map((v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe('accessibility (axe-core)', () => {
  it('imports two runs so every page has content', async () => {
    if (app === null) throw new Error('setup failed');
    const vqa = expectedBenchmarks().find((b) => b.id === 'vqa-rad');
    const ids = vqa?.kept.map((r) => String(r['qid'])) ?? [];
    const variant = getBenchmark('vqa-rad').defaultVariant;
    await page.goto(`${app.base}#/tables`);
    await page.getByLabel('Import results (.jsonl)').setInputFiles(
      ['qwen2.5-vl-7b', 'lingshu-7b'].map((m) => ({
        name: `${m}.jsonl`,
        mimeType: 'application/x-ndjson',
        buffer: Buffer.from(makeResultsFile(m, 'vqa-rad', variant, ids).text),
      })),
    );
    await expect.poll(() => page.getByRole('list', { name: 'Imported files' }).textContent()).toContain('lingshu-7b');
  });

  for (const p of PAGES) {
    it(`${p.label}: no serious or critical violation`, async () => {
      if (app === null) throw new Error('setup failed');
      const hash =
        p.id === 'compare'
          ? '#/compare?a=imported%3Aqwen2.5-vl-7b%7Cvqa-rad%7Cyesno&b=imported%3Alingshu-7b%7Cvqa-rad%7Cyesno'
          : `#/${p.id}`;
      await page.goto(`${app.base}${hash}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1500); // on-demand parts (figures, lists read from IndexedDB) settle
      const found = await violations();
      if (found.length > 0) await page.screenshot({ path: artifactPath(`a11y-${p.id}.png`), fullPage: true });
      expect(describeViolations(found)).toEqual([]);
    });
  }
});
