// Which data a run plan's entries resolve to: bundled ids to the demo slices, loaded entries to the datasets the
// Benchmarks page loaded (memory sources standing in for the data worker's), after a reload too; an entry whose
// dataset is not loaded says what to load and never runs the demo slice instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadedEntry, parseLoadedEntry } from '../../../../src/app/lib/pure/bench-entry';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import { BenchChoices } from '../../../../src/app/state/bench-choices.svelte';
import { Bundled } from '../../../../src/app/state/bundled.svelte';
import { Datasets, REMEMBERED_URLS_KEY } from '../../../../src/app/state/dataset-loads.svelte';
import { loadDetected } from '../../../../src/core/benchmarks/load-detected';
import type { DatasetSource } from '../../../../src/core/ports';
import { createMemorySource } from '../../../../src/data/memory';
import type { SourceSpec } from '../../../../src/data/source-spec';

const STATIC = join(import.meta.dirname, '../../../../static-datasets');

function filesUnder(root: string): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${prefix}${name}/`);
      else out[`${prefix}${name}`] = new Uint8Array(readFileSync(full));
    }
  };
  walk(root, '');
  return out;
}

/** The VQA-RAD slice cut to its first 12 records: a "release" whose count differs from the demo slice's. */
function smallerVqaRad(): Record<string, Uint8Array> {
  const files = filesUnder(join(STATIC, 'vqa-rad'));
  delete files['manifest.json'];
  const name = 'VQA_RAD Dataset Public.json';
  const records = JSON.parse(new TextDecoder().decode(files[name])) as unknown[];
  files[name] = new TextEncoder().encode(JSON.stringify(records.slice(0, 12)));
  return files;
}

const URL_A = 'https://data.example/vqa-rad.zip';
const HOSTED: Record<string, Record<string, Uint8Array>> = { [URL_A]: smallerVqaRad() };

function hosted(spec: SourceSpec): DatasetSource {
  const files = spec.kind === 'url' ? HOSTED[spec.url] : undefined;
  if (files === undefined) throw new Error(`404 ${spec.kind === 'url' ? spec.url : spec.kind}`);
  return createMemorySource(files, spec.kind === 'url' ? spec.url : '');
}

function make(initial: Record<string, unknown> = {}) {
  const kv = createMemoryKeyValue(initial);
  const datasets = new Datasets({
    kv,
    open: hosted,
    load: (spec, choice, onProgress) => loadDetected(hosted(spec), choice, onProgress),
  });
  const bundled = new Bundled({
    root: createMemorySource(filesUnder(STATIC), 'static'),
    sourceOf: (id) => createMemorySource(filesUnder(join(STATIC, id)), id),
  });
  return { kv, datasets, bundled, choices: new BenchChoices({ bundled, datasets }) };
}

const ENTRY_A = loadedEntry({ benchmark: 'vqa-rad', variant: 'yesno', origin: `url:${URL_A}` });

describe('plan entries', () => {
  it('round-trip a loaded entry whose origin holds colons; a bundled id is not one', () => {
    expect(parseLoadedEntry(ENTRY_A)).toEqual({ benchmark: 'vqa-rad', variant: 'yesno', origin: `url:${URL_A}` });
    expect(parseLoadedEntry('vqa-rad')).toBeNull();
    expect(parseLoadedEntry('loaded:vqa-rad')).toBeNull();
  });
});

describe('BenchChoices', () => {
  it('lists the demo slices and the loaded datasets, distinguishable', async () => {
    const { choices, datasets, bundled } = make();
    await bundled.load(['vqa-rad']);
    await datasets.loadUrl(URL_A, { benchmark: 'vqa-rad' });
    const labels = choices.list.map((c) => c.label);
    expect(labels).toContain('VQA-RAD · demo slice (21)');
    expect(labels).toContain(`VQA-RAD · loaded from ${URL_A} (10)`);
    expect(choices.list.find((c) => c.loaded)?.entry).toBe(ENTRY_A);
  });

  it('resolves bundled ids and loaded entries, in the plan order, each with its own items and source', async () => {
    const { choices, datasets } = make();
    await datasets.loadUrl(URL_A);
    const got = await choices.load(['slake', ENTRY_A]);
    expect(got.map((b) => [b.id, b.title, b.loaded.items.length])).toEqual([
      ['slake', 'SLAKE', 18],
      ['vqa-rad', 'VQA-RAD · loaded', 10],
    ]);
    const withImage = got[1]?.loaded.items.find((i) => i.images.length > 0)?.images[0];
    if (withImage === undefined) throw new Error('no image');
    expect((await got[1]?.source.readBytes(withImage.path))?.byteLength).toBeGreaterThan(0);
  });

  it('reads back every kept item of an entry (what scoring predictions takes), null for one not loaded', async () => {
    const { choices, datasets, bundled } = make();
    expect(await choices.resultOf(ENTRY_A)).toBeNull();
    expect(await choices.resultOf('vqa-rad')).toBeNull();
    await bundled.load(['vqa-rad']);
    await datasets.loadUrl(URL_A, { benchmark: 'vqa-rad' });
    const loaded = await choices.resultOf(ENTRY_A);
    expect(loaded?.items.map((i) => i.id)).toEqual((await choices.itemsOf(ENTRY_A)?.slice(0, 100))?.map((i) => i.id));
    expect(loaded?.items).toHaveLength(10);
    expect(loaded?.report).toMatchObject({ benchmark: 'vqa-rad', variant: 'yesno', kept: 10 });
    expect((await choices.resultOf('vqa-rad'))?.items).toHaveLength(21);
  });

  it('after a reload, waits for the remembered URL to load again and runs it', async () => {
    const first = make();
    await first.datasets.loadUrl(URL_A, { benchmark: 'vqa-rad' });
    const second = make({ [REMEMBERED_URLS_KEY]: first.kv.read(REMEMBERED_URLS_KEY) });
    const got = await second.choices.load([ENTRY_A]);
    expect(got[0]?.loaded.items).toHaveLength(10);
  });

  it('says what to load for a dataset that is not loaded, and never runs the demo slice instead', async () => {
    const { choices } = make();
    await expect(choices.load([ENTRY_A])).rejects.toThrow(
      `VQA-RAD from the URL ${URL_A} is not loaded. Load it on the Benchmarks page`,
    );
    const zip = loadedEntry({ benchmark: 'slake', variant: 'closed', origin: 'zip:imgs.zip' });
    await expect(choices.load([zip])).rejects.toThrow(/SLAKE from the zip file imgs\.zip is not loaded/);
  });

  it('names the failure of a URL that no longer loads', async () => {
    const gone = 'https://data.example/gone.zip';
    const { choices } = make({ [REMEMBERED_URLS_KEY]: [{ url: gone, benchmark: 'vqa-rad' }] });
    const entry = loadedEntry({ benchmark: 'vqa-rad', variant: 'yesno', origin: `url:${gone}` });
    await expect(choices.load([entry])).rejects.toThrow(/is not loaded \(.*404/);
  });

  it('holds the demo slice and a loaded release of one benchmark in one plan, each with its own data; refuses one entry twice', async () => {
    const { choices, datasets } = make();
    await datasets.loadUrl(URL_A);
    const got = await choices.load(['vqa-rad', ENTRY_A]);
    expect(got.map((b) => [b.id, b.title, b.loaded.items.length])).toEqual([
      ['vqa-rad', 'VQA-RAD', 21],
      ['vqa-rad', 'VQA-RAD · loaded', 10],
    ]);
    expect(got[0]?.source).not.toBe(got[1]?.source);
    await expect(choices.load([ENTRY_A, 'slake', ENTRY_A])).rejects.toThrow(
      `vqa-rad (yesno) from the URL ${URL_A} is chosen twice: pick it once.`,
    );
  });
});
