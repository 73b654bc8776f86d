// The inspector's state in Node: runs from the stored and imported lists, the dataset join (the loaded dataset that
// holds the run's ids), filtering, item rows and the same item side by side across runs.
import { describe, expect, it } from 'vitest';
import type { TagSet } from '../../../../src/core/classify';
import type { ResultRun } from '../../../../src/core/results';
import { toItemResult } from '../../../../src/core/score';
import type { Item, Tag } from '../../../../src/core/types';
import type { BenchChoice } from '../../../../src/app/state/bench-choices.svelte';
import { heldInMemory } from '../../../../src/app/state/dataset-items';
import type { HeldItems } from '../../../../src/app/state/dataset-items';
import { Inspector } from '../../../../src/app/state/inspect.svelte';
import { createMemorySource } from '../../../../src/data/memory';
import { makeItems, makeManifest } from '../../core/run/fixtures';

function run(model: string, items: readonly Item[], answer: (i: number) => string): ResultRun {
  return {
    manifest: makeManifest({ model }),
    results: items.map((item, i) => toItemResult(item, `\\boxed{${answer(i)}}`, { model, mode: 'paper' })),
  };
}

function choice(entry: string, items: Item[]): BenchChoice {
  return {
    entry,
    benchmark: 'vqa-rad',
    label: entry,
    status: 'ready',
    count: items.length,
    error: null,
    loaded: false,
  };
}

function setup() {
  const items = makeItems(8);
  const source = createMemorySource({});
  const stored = { runs: [run('model-a', items, () => 'A')], loaded: true };
  const imported = { runs: [run('model-b', items.slice(0, 4), () => 'B')] };
  // Another dataset of the same benchmark whose ids do not match: never chosen.
  const held = new Map([
    ['other', heldInMemory(makeItems(8, 'z'))],
    ['vqa-rad', heldInMemory(items)],
  ]);
  const choices = {
    list: [choice('other', makeItems(8, 'z')), choice('vqa-rad', items)],
    itemsOf: (entry: string) => held.get(entry) ?? null,
    sourceOf: (entry: string) => (entry === 'vqa-rad' ? source : null),
  };
  let clock = 0;
  const inspector = new Inspector({
    stored,
    imported,
    choices,
    host: { yieldToHost: async () => {}, now: () => (clock += 1) },
  });
  return { inspector, items, source, stored, imported, choices, held };
}

describe('Inspector', () => {
  it('lists stored runs, then imported ones, each with a link key', () => {
    const { inspector } = setup();
    expect(inspector.runs.map((r) => r.key)).toEqual([
      'stored:model-a|vqa-rad|test|d|all',
      'imported:model-b|vqa-rad|test|d|all',
    ]);
    expect(inspector.find('imported:model-b|vqa-rad|test|d|all')?.run.results).toHaveLength(4);
    // A link written before the key named data and sample still opens its run.
    expect(inspector.find('imported|model-b|vqa-rad|test')?.key).toBe('imported:model-b|vqa-rad|test|d|all');
    expect(inspector.find('imported|nope|vqa-rad|test')).toBeNull();
    expect(inspector.find('imported:model-b|vqa-rad|test|e|all')).toBeNull();
  });

  it("lists a file's first lines while it is read, under the key its whole run will have", () => {
    const { inspector, items } = setup();
    const reading: ResultRun[] = [];
    const imported = { runs: [] as ResultRun[], reading };
    const live = new Inspector({
      stored: { runs: [], loaded: true },
      imported,
      choices: { list: [], itemsOf: () => null, sourceOf: () => null },
      host: { yieldToHost: async () => {}, now: () => 0 },
    });
    const whole = run('model-c', items, () => 'A');
    reading.push({ manifest: whole.manifest, results: whole.results.slice(0, 3) });
    const partial = live.runs[0] ?? null;
    expect(partial?.run.results).toHaveLength(3);
    expect(live.isPartial(partial)).toBe(true);
    reading.length = 0;
    imported.runs = [whole];
    const done = live.find(partial?.key ?? null);
    expect(done?.run).toBe(whole);
    expect(live.isPartial(done)).toBe(false);
    expect(inspector.isPartial(inspector.runs[1] ?? null)).toBe(false);
  });

  it('joins a run to the loaded dataset that holds its ids, and filters its items', async () => {
    const { inspector, source } = setup();
    const shown = inspector.show(inspector.find('stored:model-a|vqa-rad|test|d|all'));
    // Outputs and scores show at once; the dataset's items once found and read.
    expect(inspector.index?.results).toHaveLength(8);
    await shown;
    await inspector.setFilter({});
    expect(inspector.dataset).toMatchObject({ label: 'vqa-rad', matched: 8 });
    expect(inspector.dataset?.source).toBe(source);
    expect(inspector.index?.items[3]?.question).toContain('[q3]');
    expect(inspector.visible).toHaveLength(8);
    await inspector.setFilter({ outcome: 'correct' });
    // Gold alternates A/B; model-a always answers A.
    expect([...inspector.visible]).toEqual([0, 2, 4, 6]);
    expect(inspector.filterMs).not.toBeNull();
    await inspector.setFilter({ text: '[Q5]' });
    expect([...inspector.visible]).toEqual([]);
    await inspector.setFilter({ outcome: 'all' });
    expect([...inspector.visible]).toEqual([5]);
    expect(inspector.rowOf('q5')).toBe(5);
    expect(inspector.rowOf('nope')).toBe(-1);
    await inspector.clearFilter();
    expect(inspector.visible).toHaveLength(8);
  });

  it('says when no dataset is loaded, and keeps the filter across runs', async () => {
    const { inspector, choices } = setup();
    choices.list = [];
    await inspector.setFilter({ outcome: 'wrong' });
    await inspector.show(inspector.find('imported:model-b|vqa-rad|test|d|all'));
    await inspector.setFilter({});
    expect(inspector.dataset).toBeNull();
    expect(inspector.index?.items.every((i) => i === undefined)).toBe(true);
    expect([...inspector.visible]).toEqual([0, 2]); // model-b answers B: wrong where gold is A
    await inspector.show(null);
    expect(inspector.index).toBeNull();
  });

  it("filters by the active classifier's tags where results carry none, and tags again when they change", async () => {
    const { stored, imported, choices } = setup();
    const tagged = (map: Record<string, Tag>): TagSet => ({
      tagOf: (_benchmark, id) => map[id],
      summaries: () => [],
      has: () => true,
    });
    const tags: { tagSet: TagSet | undefined } = {
      tagSet: tagged({ q1: 'reasoning', q3: 'reasoning', q2: 'understanding' }),
    };
    const inspector = new Inspector({
      stored,
      imported,
      choices,
      host: { yieldToHost: async () => {}, now: () => 0 },
      tags,
    });
    await inspector.show(inspector.find('stored:model-a|vqa-rad|test|d|all'));
    await inspector.setFilter({ tag: 'reasoning' });
    expect([...inspector.visible]).toEqual([1, 3]);
    await inspector.setFilter({ tag: 'none' });
    expect([...inspector.visible]).toEqual([0, 4, 5, 6, 7]);
    // another classifier applied: the shown run is tagged again without being shown again
    tags.tagSet = tagged({ q0: 'reasoning' });
    await inspector.retag();
    await inspector.setFilter({ tag: 'reasoning' });
    expect([...inspector.visible]).toEqual([0]);
    expect(inspector.index?.tags[0]).toBe('reasoning');
    tags.tagSet = undefined;
    await inspector.retag();
    expect([...inspector.visible]).toEqual([]);
  });

  it('shows one item across every run that answered it', () => {
    const { inspector } = setup();
    const a = inspector.find('stored:model-a|vqa-rad|test|d|all');
    const q1 = a?.run.results[1];
    const q6 = a?.run.results[6];
    if (q1 === undefined || q6 === undefined) throw new Error('fixture');
    expect(inspector.sideBySide(q1).map((r) => [r.result.model, r.result.letter, r.result.correct])).toEqual([
      ['model-a', 'A', false],
      ['model-b', 'B', true],
    ]);
    // Only model-a answered q6.
    expect(inspector.sideBySide(q6).map((r) => r.option.key)).toEqual(['stored:model-a|vqa-rad|test|d|all']);
    // Shown, model-a's own row comes through the shown run's rows: the same rows.
    void inspector.show(a);
    expect(inspector.sideBySide(q1).map((r) => r.result)).toEqual([q1, inspector.runs[1]?.run.results[1]]);
    expect(inspector.sideBySide(q6).map((r) => r.result)).toEqual([q6]);
    // With the row the page has (and a wrong one, which falls back to the lookup by id).
    expect(inspector.sideBySide(q1, 1).map((r) => r.result)).toEqual([q1, inspector.runs[1]?.run.results[1]]);
    expect(inspector.sideBySide(q6, 2).map((r) => r.result)).toEqual([q6]);
  });

  it('keeps apart two stored runs of one model, benchmark and variant on other data, and opens each by its key', async () => {
    const { inspector, stored, items } = setup();
    const other = run('model-a', makeItems(8, 'z'), () => 'A');
    stored.runs.push({ ...other, manifest: { ...other.manifest, dataHash: 'e'.repeat(64) } });
    const keys = inspector.runs.map((r) => r.key);
    expect(keys).toEqual([
      'stored:model-a|vqa-rad|test|d|all',
      'stored:model-a|vqa-rad|test|eeeeeeee|all',
      'imported:model-b|vqa-rad|test|d|all',
    ]);
    expect(inspector.find(keys[1] ?? '')?.run.results[0]?.id).toBe('z0');
    expect(inspector.find('stored:model-a|vqa-rad|test|d|all')?.run.results[0]?.id).toBe(items[0]?.id);
    // The 'other' dataset holds the z ids: the second run joins it, not the first run's dataset.
    await inspector.show(inspector.find(keys[1] ?? ''));
    expect(inspector.dataset).toMatchObject({ label: 'other', matched: 8 });
  });

  it('joins a dataset loaded after the run was shown, and says when its items cannot be read', async () => {
    const { inspector, choices, held } = setup();
    const list = choices.list;
    choices.list = [];
    const option = inspector.find('stored:model-a|vqa-rad|test|d|all');
    await inspector.show(option);
    expect(inspector.dataset).toBeNull();
    choices.list = list;
    await inspector.show(option);
    expect(inspector.dataset).toMatchObject({ label: 'vqa-rad', matched: 8 });
    // The dataset was removed and its reader closed meanwhile (a fresh reader object: the datasets on offer changed).
    const removed = heldInMemory(makeItems(8));
    removed.close();
    held.set('vqa-rad', removed);
    await inspector.show(option);
    expect(inspector.dataset).toBeNull();
    expect(inspector.joinError).toMatch(/load it again/);
    expect(inspector.index?.results).toHaveLength(8);
  });

  it('for a long run reads the first screen and the linked item first, then the whole dataset once, in slices', async () => {
    const { inspector, stored, choices, held } = setup();
    const many = makeItems(300, 'm');
    const inner = heldInMemory(many);
    let release = (): void => {};
    const gate = new Promise<void>((r) => (release = r));
    let slices = 0;
    const gated: HeldItems = {
      ...inner,
      slice: async (start, end) => {
        slices++;
        await gate;
        return inner.slice(start, end);
      },
    };
    held.set('long', gated);
    choices.list = [choice('long', many)];
    stored.runs.splice(
      0,
      1,
      run('model-a', many, () => 'A'),
    );
    const option = inspector.find('stored:model-a|vqa-rad|test|d|all');
    const shown = inspector.show(option, 'm250');
    await expect.poll(() => inspector.dataset?.matched).toBe(65);
    const items = () => inspector.index?.items ?? [];
    expect([items()[0]?.id, items()[63]?.id, items()[64], items()[250]?.id]).toEqual(['m0', 'm63', undefined, 'm250']);
    expect(inspector.joining).toBe(true);
    release();
    await shown;
    expect(inspector.joining).toBe(false);
    expect(inspector.dataset).toMatchObject({ label: 'long', matched: 300 });
    expect(items().every((i, n) => i?.id === `m${n}`)).toBe(true);
    expect(slices).toBe(1);
    // Another long run on the same dataset reuses the read.
    stored.runs.push({ ...run('model-c', many, () => 'B') });
    await inspector.show(inspector.find('stored:model-c|vqa-rad|test|d|all'));
    expect(inspector.dataset).toMatchObject({ label: 'long', matched: 300 });
    expect(slices).toBe(1);
  });
});
