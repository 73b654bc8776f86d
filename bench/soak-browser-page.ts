// The browser soak's page code (bundled by bench/soak-browser.ts, run in headless Chromium): the engine the app runs,
// the OpenAI backend on the page's fetch with the canvas image encoder, and the IndexedDB store, against
// bench/soak-server.ts on the page's own origin. Logs "SOAK_MEM <finished> <usedJSHeapSize>" at every mark (after a
// forced GC: Chromium runs with --js-flags=--expose-gc and --enable-precise-memory-info), then checks the database
// as a fresh page would see it: one store reopened on the run, and the raw records of the results object store.
import { createOpenAIBackend } from '../src/backends/openai';
import { createCanvasImageEncoder } from '../src/backends/openai/browser-image';
import { encodePng } from '../src/core/image/png';
import { buildManifest } from '../src/core/results';
import { runEvaluation } from '../src/core/run';
import type { Item } from '../src/core/types';
import { createIdbStore } from '../src/storage/idb';

export interface BrowserSoakReport {
  status: string;
  stored: number;
  duplicates: number;
  lost: number;
  failed: number;
  rawRecords: number;
  seconds: number;
  marks: { finished: number; heap: number }[];
}

interface SoakOptions {
  items: number;
  step: number;
  concurrency: number;
  timeoutMs: number;
}

const heapNow = (): number => {
  (globalThis as { gc?: () => void }).gc?.();
  return (performance as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN;
};

/** Every record of the results object store, counted by item id (a cursor: never all in memory at once). */
function rawIdCounts(dbName: string): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(dbName);
    open.onerror = () => reject(open.error ?? new Error('open failed'));
    open.onsuccess = () => {
      const db = open.result;
      const counts = new Map<string, number>();
      const cursor = db.transaction('results').objectStore('results').openCursor();
      cursor.onerror = () => reject(cursor.error ?? new Error('cursor failed'));
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (c === null) {
          db.close();
          resolve(counts);
          return;
        }
        const id = String(
          (c.value as { id?: unknown; result?: { id?: unknown } }).result?.id ?? (c.value as { id?: unknown }).id,
        );
        counts.set(id, (counts.get(id) ?? 0) + 1);
        c.continue();
      };
    };
  });
}

async function soak(options: SoakOptions): Promise<BrowserSoakReport> {
  const png = encodePng(
    16,
    16,
    new Uint8Array(16 * 16 * 3).map((_, i) => (i * 7) % 256),
  );
  const items: Item[] = Array.from({ length: options.items }, (_, i) => ({
    id: `b${i}`,
    benchmark: 'vqa-rad',
    variant: 'yesno',
    question: `[soak-${i}] Is there evidence of a pneumothorax in this image?`,
    options: [
      { letter: 'A', text: 'yes' },
      { letter: 'B', text: 'no' },
    ],
    answer: i % 3 === 0 ? 'B' : 'A',
    images: [{ path: `img/${i % 64}.png`, present: true, bytes: png }],
    meta: {},
  }));
  const manifest = buildManifest({
    appVersion: 'soak',
    benchmark: 'vqa-rad',
    benchmarkVersion: '1',
    variant: 'yesno',
    model: 'soak-model',
    backend: 'openai',
    backendModel: 'test-model',
    promptVersion: 'p',
    extractorVersion: 'e',
    dataHash: 'soak-data',
    itemIdsHash: 'soak-ids',
    generation: { maxNewTokens: 256, temperature: 0 },
  });
  const dbName = `medvlm-soak-${Date.now()}`;
  const backend = createOpenAIBackend({
    model: 'test-model',
    endpoints: [{ url: `${location.origin}/v1`, maxInFlight: options.concurrency }],
    encodeImage: createCanvasImageEncoder(),
    timeoutMs: options.timeoutMs,
  });
  const store = createIdbStore({ dbName });
  const marks: { finished: number; heap: number }[] = [];
  let nextMark = options.step;
  const started = performance.now();
  const outcome = await runEvaluation(
    { backend, runs: [{ manifest, items, store }] },
    {
      concurrency: options.concurrency,
      onProgress: (p) => {
        const finished = p.done + p.failed;
        if (finished < nextMark) return;
        nextMark += options.step;
        const heap = heapNow();
        marks.push({ finished, heap });
        console.log(`SOAK_MEM ${finished} ${heap}`);
      },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  await backend.dispose();

  // as the app would find it after a reload: the run reopened, and the raw records behind it
  const reopened = createIdbStore({ dbName });
  const stored = await reopened.open(manifest);
  await reopened.close();
  const raw = await rawIdCounts(dbName);
  const seen = new Map<string, number>();
  for (const r of stored) seen.set(r.id, (seen.get(r.id) ?? 0) + 1);
  let duplicates = 0;
  let lost = 0;
  for (const item of items) {
    const n = Math.max(seen.get(item.id) ?? 0, raw.get(item.id) ?? 0);
    if (n === 0) lost += 1;
    else duplicates += n - 1;
  }
  let rawRecords = 0;
  for (const n of raw.values()) rawRecords += n;
  await new Promise<void>((resolve) => {
    const del = indexedDB.deleteDatabase(dbName);
    del.onsuccess = del.onerror = del.onblocked = () => resolve();
  });
  return {
    status: outcome.status,
    stored: seen.size,
    duplicates,
    lost,
    failed: stored.filter((r) => r.error !== undefined).length,
    rawRecords,
    seconds,
    marks,
  };
}

(globalThis as { soak?: typeof soak }).soak = soak;
