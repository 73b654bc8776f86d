// Shared by the e2e files and the app bench: build the app once into a temp dir, serve it with `vite preview` on
// 127.0.0.1, launch Debian's Chromium through playwright-core, and read the results database from a page.
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Locator, Page } from 'playwright-core';
import { build, preview } from 'vite';
import type { PreviewServer } from 'vite';
import { ALLOWED_KEY } from '../../src/app/lib/pure/connect-policy';
import { REPO_ROOT } from '../support/shared-datasets';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

export interface ServedApp {
  /** "http://127.0.0.1:<port>/" */
  base: string;
  origin: string;
  close(): Promise<void>;
}

/** Production build into a fresh temp dir, served by `vite preview` (COOP/COEP headers as in production). */
export async function buildAndPreview(): Promise<ServedApp> {
  const outDir = await mkdtemp(join(tmpdir(), 'medvlm-e2e-dist-'));
  const configFile = join(REPO_ROOT, 'vite.config.ts');
  let server: PreviewServer;
  try {
    await build({
      configFile,
      root: REPO_ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, ...(process.env['MEDVLM_BENCH_NO_MINIFY'] === '1' ? { minify: false } : {}) },
    });
    server = await preview({
      configFile,
      root: REPO_ROOT,
      logLevel: 'warn',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: true, open: false },
    });
  } catch (e) {
    await rm(outDir, { recursive: true, force: true });
    throw e;
  }
  const address = server.httpServer.address() as AddressInfo;
  const origin = `http://127.0.0.1:${address.port}`;
  const running = server;
  return {
    base: `${origin}/`,
    origin,
    close: async () => {
      await running.close();
      await rm(outDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  const executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...extraArgs] });
  } catch (e) {
    throw new Error(
      `Could not start Chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH): ${String(e)}`,
      { cause: e },
    );
  }
}

export interface StoredRecord {
  model: string;
  benchmark: string;
  variant: string;
  /** The run's data hash and sample key (the results database's v3 key). */
  data: string;
  sample: string;
  id: string;
  result: { id: string; correct: boolean; error?: { code: string; message: string }; output: string };
}

// A string, not a function: tsx/esbuild would wrap named inner functions in a __name() helper the page lacks.
const READ_DB = `(async () => {
  const names = (await indexedDB.databases()).map((d) => d.name);
  if (!names.includes('medvlm-bench-results')) return { runs: [], results: [] };
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('medvlm-bench-results');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  try {
    if (!db.objectStoreNames.contains('results')) return { runs: [], results: [] };
    const tx = db.transaction(['runs', 'results'], 'readonly');
    const read = (store) => new Promise((resolve, reject) => {
      const r = tx.objectStore(store).getAll();
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    return { runs: await read('runs'), results: await read('results') };
  } finally {
    db.close();
  }
})()`;

/** Everything in the app's results database (IndexedDB 'medvlm-bench-results'), read inside the page. */
export async function readResultsDb(page: Page): Promise<{ runs: Record<string, unknown>[]; results: StoredRecord[] }> {
  return (await page.evaluate(READ_DB)) as { runs: Record<string, unknown>[]; results: StoredRecord[] };
}

export interface StaticServer {
  /** "http://127.0.0.1:<port>" */
  origin: string;
  /** Paths requested so far, in order. */
  requested: string[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.txt': 'text/plain',
};

/**
 * A static file server for model exports, as a CDN would serve them to a cross-origin-isolated page:
 * CORS for any origin and Cross-Origin-Resource-Policy: cross-origin (the app sends COEP require-corp).
 */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const { createServer } = await import('node:http');
  const { readFile: read, stat } = await import('node:fs/promises');
  const { extname, normalize, resolve: resolvePath, sep } = await import('node:path');
  const requested: string[] = [];
  const top = resolvePath(root);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requested.push(path);
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('cross-origin-resource-policy', 'cross-origin');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, HEAD' }).end();
      return;
    }
    const file = resolvePath(top, `.${normalize(path)}`);
    if (file !== top && !file.startsWith(top + sep)) {
      res.writeHead(403).end();
      return;
    }
    stat(file)
      .then(async (s) => {
        if (!s.isFile()) throw new Error('not a file');
        const body = await read(file);
        res.writeHead(200, {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'content-length': body.length,
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      })
      .catch(() => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** The Tables page cell of one row ("<label> measured" / "<label> paper") under the column headed `column`. */
export async function tableCell(
  page: Page,
  rowLabel: string,
  source: 'paper' | 'measured',
  column: string,
): Promise<Locator> {
  await page.locator('table.results thead th').first().waitFor({ timeout: 15_000 }); // pages load on demand
  const headers = (await page.locator('table.results thead th').allTextContents()).map((h) => h.trim());
  const col = headers.indexOf(column);
  if (col < 1) throw new Error(`no column "${column}" in ${headers.join(', ')}`);
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: `${rowLabel} ${source}`, exact: true }) });
  return row.getByRole('cell').nth(col - 1);
}

/** Text of the <dd> after the <dt> with this label in the Run page's progress list. */
export async function progressNumber(page: Page, label: string): Promise<string> {
  return (
    (await page
      .getByRole('definition')
      .filter({ has: page.locator(`xpath=preceding-sibling::dt[1][normalize-space()="${label}"]`) })
      .first()
      .textContent()) ?? ''
  ).trim();
}

/**
 * After a new server's URL is typed (the field still focused): the page's connection policy allows it from the next
 * load on (src/app/lib/dom/connect-policy.ts), so leave the field (the change saves it), wait for the notice naming
 * the server's origin, and reload through its button, as a user would.
 */
export async function reloadForNewServer(page: Page, serverUrl: string): Promise<void> {
  await page.keyboard.press('Tab');
  const notice = page.getByTestId('reload-for-connect');
  await notice.waitFor({ timeout: 10_000 });
  const text = (await notice.textContent()) ?? '';
  if (!text.includes(new URL(serverUrl).origin))
    throw new Error(`the reload notice does not name ${serverUrl}: ${text}`);
  await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload now' }).click()]);
  await page.locator('meta[data-policy="connect"]').waitFor({ state: 'attached' });
}

/**
 * For benches that fetch from their own servers inside the app's page: the state a user is in after allowing those
 * servers once (src/app/lib/dom/connect-policy.ts reads ALLOWED_KEY at load), set before every load of the page.
 */
export async function allowOrigins(page: Page, urls: readonly string[]): Promise<void> {
  const origins = urls.map((u) => new URL(u).origin);
  await page.addInitScript(
    ([key, value]) => {
      localStorage.setItem(key, value);
    },
    [ALLOWED_KEY, JSON.stringify(origins)] as const,
  );
}
