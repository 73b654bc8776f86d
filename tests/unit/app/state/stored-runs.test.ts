// The stored-runs list and the bundled benchmarks, in Node: a fake results catalogue, the demo slices from disk.
import { describe, expect, it } from 'vitest';
import { EvalError } from '../../../../src/core/errors';
import { parseResultsJsonl } from '../../../../src/core/results';
import { runIdentityOf } from '../../../../src/core/run';
import { toItemResult } from '../../../../src/core/score';
import type { RunKey, RunsCatalogue } from '../../../../src/app/lib/pure/ports';
import { Bundled } from '../../../../src/app/state/bundled.svelte';
import { StoredRuns, exportFileName } from '../../../../src/app/state/stored-runs.svelte';
import { createMemorySource } from '../../../../src/data/memory';
import { makeItems, makeManifest } from '../../core/run/fixtures';
import { createMemoryRunsDb, diskBundled, instantHost } from './fakes';

async function fill(db: ReturnType<typeof createMemoryRunsDb>, model: string, answers: string[]): Promise<RunKey> {
  const manifest = makeManifest({ model });
  const key: RunKey = runIdentityOf(manifest);
  const store = db.openStore(key);
  await store.open(manifest);
  const items = makeItems(answers.length);
  for (const [i, item] of items.entries())
    await store.put(toItemResult(item, `\\boxed{${answers[i] ?? ''}}`, { model, mode: 'paper' }));
  await store.close();
  return key;
}

function storedRuns(catalogue: RunsCatalogue, downloads: string[][] = []): StoredRuns {
  return new StoredRuns({
    catalogue: () => catalogue,
    nextTask: instantHost.nextTask,
    download: (name, text, mime) => void downloads.push([name, text, mime]),
  });
}

describe('StoredRuns', () => {
  it('lists stored runs with their accuracy and hands them to the tables as stored', async () => {
    const db = createMemoryRunsDb();
    await fill(db, 'model-a', ['A', 'A', 'A', 'A']); // items alternate A/B: half right
    await fill(db, 'model-b', ['A', 'B']);
    const s = storedRuns(db.catalogue);
    expect(s.loaded).toBe(false);
    await s.refresh();
    expect(s.error).toBeNull();
    expect(s.list.map((v) => [v.key.model, v.results, v.correct, v.accuracy])).toEqual([
      ['model-b', 2, 2, 1],
      ['model-a', 4, 2, 0.5],
    ]);
    expect(s.runs.map((r) => [r.manifest.model, r.results.length])).toEqual([
      ['model-b', 2],
      ['model-a', 4],
    ]);
    // what the tables get equals what the run's export parses back to
    const exported = parseResultsJsonl(await db.catalogue.exportRun(s.list[1]?.key ?? ({} as RunKey)), 'x.jsonl');
    expect(s.runs[1]?.results).toEqual(exported.runs[0]?.results);
  });

  it('deletes a run (kept while it is written), and downloads one as JSONL', async () => {
    const db = createMemoryRunsDb();
    const a = await fill(db, 'model-a', ['A']);
    const b = await fill(db, 'model-b', ['A', 'B']);
    const downloads: string[][] = [];
    const s = storedRuns(db.catalogue, downloads);
    await s.refresh();

    const writing = db.openStore(b);
    await writing.open(makeManifest({ model: 'model-b' }));
    s.setActive([b]);
    expect(s.isActive(b)).toBe(true);
    expect(s.isActive(a)).toBe(false);
    await s.remove(b);
    expect(s.list).toHaveLength(2);
    await writing.close();
    s.setActive([]);
    await s.remove(b);
    expect(s.error).toBeNull();
    expect(s.list.map((v) => v.key.model)).toEqual(['model-a']);

    await s.download(a);
    expect(downloads).toEqual([
      ['medvlm-model-a-vqa-rad-test-d.jsonl', await db.catalogue.exportRun(a), 'application/x-ndjson'],
    ]);
    // runs of one model × benchmark × variant that differ in data or sample download under names of their own
    const sample = { seed: 4, size: '10', strata: [], n: 10, population: 251, itemIdsHash: 's'.repeat(64) };
    expect(exportFileName({ ...a, data: 'ab12'.repeat(16) }, undefined)).toBe(
      'medvlm-model-a-vqa-rad-test-ab12ab12.jsonl',
    );
    expect(exportFileName({ ...a, data: 'ab12'.repeat(16) }, sample)).toBe(
      'medvlm-model-a-vqa-rad-test-ab12ab12-sample-n10-seed4.jsonl',
    );
  });

  it('coalesces refreshes asked for while one runs into one more pass, and reports a failing database', async () => {
    const db = createMemoryRunsDb();
    await fill(db, 'model-a', ['A']);
    let lists = 0;
    const counting: RunsCatalogue = { ...db.catalogue, listRuns: () => ((lists += 1), db.catalogue.listRuns()) };
    const s = storedRuns(counting);
    await Promise.all([s.refresh(), s.refresh(), s.refresh()]);
    expect(lists).toBe(2);

    const broken = storedRuns({
      ...db.catalogue,
      listRuns: () => Promise.reject(new EvalError('store/unavailable', 'IndexedDB is not available.')),
    });
    await broken.refresh();
    expect(broken).toMatchObject({ loaded: true, error: 'IndexedDB is not available. [store/unavailable]' });
  });
});

describe('Bundled', () => {
  it('awaits the benchmarks a run needs, in the order asked, and shares one load with the pages', async () => {
    const bundled = diskBundled();
    bundled.ensureLoaded();
    const [slake, rad] = await bundled.load(['slake', 'vqa-rad']);
    expect([slake?.id, rad?.id]).toEqual(['slake', 'vqa-rad']);
    expect(rad?.loaded.items.length).toBe(bundled.byId('vqa-rad')?.entry.counts?.items);
    expect(bundled.indexLoaded).toBe(true);
    expect(bundled.byId('vqa-rad')?.status).toBe('ready');
    expect((await bundled.load(['vqa-rad']))[0]?.loaded).toBe(rad?.loaded);
    await expect(bundled.load(['vqa-rad', 'nope'])).rejects.toThrow('No bundled benchmark "nope".');
  });

  it('says which benchmark failed to load, and when the list itself cannot be read', async () => {
    const index = JSON.stringify({ benchmarks: [{ id: 'vqa-rad', title: 'VQA-RAD' }] });
    const broken = new Bundled({
      root: createMemorySource({ 'index.json': index }),
      sourceOf: () => createMemorySource({}),
    });
    await expect(broken.load(['vqa-rad'])).rejects.toThrow(/^VQA-RAD failed to load: /);
    expect(broken.byId('vqa-rad')?.status).toBe('error');

    const noIndex = new Bundled({ root: createMemorySource({}), sourceOf: () => createMemorySource({}) });
    await expect(noIndex.load(['vqa-rad'])).rejects.toThrow(/^The bundled benchmark list cannot be read: /);
    expect(noIndex).toMatchObject({ indexLoaded: true, benchmarks: [] });
  });
});
