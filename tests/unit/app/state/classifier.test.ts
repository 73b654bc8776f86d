// The Classifier page's state in Node with fakes: the shipped text classifier active by default and applied to the
// bundled demo slices (one tags file per benchmark, progress, Tables 2–3 notes naming it), training on MedXpertQA
// items with a fake embedder (kept across a "reload", vectors cached so a re-apply embeds nothing), and the errors
// that say what to do.
import { describe, expect, it } from 'vitest';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import {
  ACTIVE_KEY,
  ClassifierSession,
  TAGS_KEY,
  type ClassifierDeps,
  type ClassifyTarget,
} from '../../../../src/app/state/classifier-session.svelte';
import { MemoryVectorCache, serializeClassifierFile, trainClassifier } from '../../../../src/core/classify';
import { shippedTextClassifier } from '../../../../src/core/classify/shipped';
import type { Embedder } from '../../../../src/core/ports';
import { assembleTable } from '../../../../src/core/tables';
import type { Item } from '../../../../src/core/types';
import { diskBundled } from './fakes';

/** A fake gme: 8 numbers from the text, one of which says whether the question asks "why". */
function fakeEmbedder(): Embedder & { calls: number } {
  const e = {
    dim: 8,
    calls: 0,
    async embed(input: { text: string; images: Uint8Array[] }): Promise<Float32Array> {
      e.calls += 1;
      const v = new Float32Array(8);
      for (const [i, ch] of [...input.text].entries()) v[i % 7] = (v[i % 7] ?? 0) + ch.charCodeAt(0) / 1000;
      v[7] = /why|explain|next step/i.test(input.text) ? 1 : -1;
      return v;
    },
  };
  return e;
}

function medxpertItems(n: number): Item[] {
  return Array.from({ length: n }, (_, i) => {
    const reasoning = i % 3 === 0;
    return {
      id: `mx${i}`,
      benchmark: 'medxpertqa',
      variant: 'mm',
      question: reasoning ? `Case ${i}: explain why the next step is indicated.` : `Case ${i}: which organ is shown?`,
      options: [
        { letter: 'A', text: 'one' },
        { letter: 'B', text: 'two' },
      ],
      answer: 'A',
      images: [],
      meta: {},
      tag: reasoning ? 'reasoning' : 'understanding',
      tagSource: 'gold',
    };
  });
}

const target = (key: string, items: Item[]): ClassifyTarget => ({
  key,
  title: key,
  benchmark: items[0]?.benchmark ?? 'vqa-rad',
  variant: items[0]?.variant ?? 'default',
  items,
  source: null,
});

async function bundledTargets(): Promise<ClassifyTarget[]> {
  const loaded = await diskBundled().load(['vqa-rad', 'slake', 'pathvqa']);
  return loaded.map((b) => ({
    key: b.id,
    title: b.title,
    benchmark: b.loaded.report.benchmark,
    variant: b.loaded.report.variant,
    items: b.loaded.items,
    source: b.source,
  }));
}

function makeDeps(kv = createMemoryKeyValue()) {
  const embedder = fakeEmbedder();
  const loads: string[] = [];
  const caches = new Map<string, MemoryVectorCache>();
  const deps: ClassifierDeps = {
    kv,
    embedder: async (choice) => {
      loads.push(JSON.stringify(choice));
      return embedder;
    },
    nameOf: (choice) => (choice.kind === 'gme' ? choice.location : choice.model),
    cacheFor: (f) => {
      const c = caches.get(f.name) ?? new MemoryVectorCache();
      caches.set(f.name, c);
      return c;
    },
    train: (examples, opts) => trainClassifier(examples, opts),
    nextTask: async () => {},
  };
  return { deps, kv, embedder, loads };
}

describe('ClassifierSession', () => {
  it('starts with the shipped text-only classifier and tags the bundled slices, one file per benchmark', async () => {
    const { deps } = makeDeps();
    const seen: string[] = [];
    // Each pause between chunks is when the page paints: the progress it would show then.
    const s: ClassifierSession = new ClassifierSession({
      ...deps,
      nextTask: async () => void seen.push(`${s.progress?.label} ${s.progress?.done}/${s.progress?.total}`),
    });
    expect(s.active.id).toBe(shippedTextClassifier().id);
    expect(s.isShipped).toBe(true);
    expect(s.tagSet).toBeUndefined();
    const targets = await bundledTargets();
    const files = await s.apply([...targets, targets[0] as ClassifyTarget]);
    expect(s.error).toBeNull();
    expect(files?.map((f) => f.header.benchmark)).toEqual(['vqa-rad', 'slake', 'pathvqa']);
    const total = targets.reduce((n, t) => n + t.items.length, 0);
    for (const f of files ?? []) {
      const t = targets.find((x) => x.benchmark === f.header.benchmark);
      expect(f.tags.length).toBe(t?.items.length);
      expect(f.header.classifier.id).toBe(shippedTextClassifier().id);
      expect(new Set(f.tags.map((x) => x.source))).toEqual(new Set(['text']));
    }
    expect(s.busy).toBe('idle');
    expect(s.tagSet?.has('vqa-rad')).toBe(true);
    // The table notes name the classifier and say it is text-only.
    const notes = assembleTable(2, [], { paper: false, ...(s.tagSet ? { tags: s.tagSet } : {}) }).notes.join('\n');
    expect(notes).toContain(shippedTextClassifier().id);
    expect(notes).toContain('TEXT-ONLY');
    const all = total + (targets[0]?.items.length ?? 0);
    expect(seen.at(0)).toBe(`Tagging VQA-RAD ${targets[0]?.items.length}/${all}`);
    expect(seen.at(-1)).toBe(`Tagging VQA-RAD ${all}/${all}`);
    expect(s.progress).toBeNull();
  });

  it('says what to load when no MedXpertQA is there to train on', async () => {
    const s = new ClassifierSession(makeDeps().deps);
    expect(await s.train(await bundledTargets())).toBeNull();
    expect(s.error).toMatch(/load MedXpertQA MM on the Benchmarks page/);
    expect(s.isShipped).toBe(true);
  });

  it('trains on MedXpertQA with gme, keeps it across a reload, and re-applies without embedding again', async () => {
    const { deps, kv, embedder, loads } = makeDeps();
    const s = new ClassifierSession(deps);
    s.setChoice({ kind: 'gme', location: 'https://models.example/gme-web', dtype: 'fp32' });
    const mx = medxpertItems(30);
    const c = await s.train([target('mx', mx)]);
    expect(s.error).toBeNull();
    expect(c?.embedding).toEqual({ source: 'gme', name: 'https://models.example/gme-web', dim: 8 });
    expect(c?.training).toMatchObject({ n: 30, reasoning: 10, understanding: 20, variants: ['mm'] });
    expect(c?.cv.auc).toBeGreaterThan(0.9);
    expect(embedder.calls).toBe(30);
    expect(s.active.id).toBe(c?.id);
    expect(kv.read(ACTIVE_KEY)).toBeDefined();

    const others = medxpertItems(12).map((i): Item => ({
      ...i,
      id: `o${i.id}`,
      benchmark: 'vqa-rad',
      variant: 'default',
      question: `Another: ${i.question}`,
      tag: undefined,
      tagSource: undefined,
    }));
    const files = await s.apply([target('mx', mx), target('vqa', others)]);
    // MedXpertQA was embedded for training: only the 12 new items cost an embedding.
    expect(embedder.calls).toBe(42);
    const mxFile = files?.find((f) => f.header.benchmark === 'medxpertqa');
    expect(mxFile?.tags.every((t) => t.source === 'gold')).toBe(true);
    const vqa = files?.find((f) => f.header.benchmark === 'vqa-rad');
    expect(vqa?.tags.map((t) => t.tag)).toEqual(others.map((_, i) => (i % 3 === 0 ? 'reasoning' : 'understanding')));
    expect(loads).toHaveLength(1);

    // A reload: the same storage, a fresh session — the trained classifier and its tags come back.
    const again = new ClassifierSession({ ...deps, kv });
    expect(again.active.id).toBe(c?.id);
    expect(again.choice).toEqual({ kind: 'gme', location: 'https://models.example/gme-web', dtype: 'fp32' });
    expect(again.tagSet?.tagOf('vqa-rad', 'omx0')).toBe('reasoning');
    await again.apply([target('vqa', others)]);
    expect(embedder.calls).toBe(42);
  });

  it('applies a text classifier whatever source is chosen, refuses a gme one on other features, keeps the old tags', async () => {
    const { deps, loads } = makeDeps();
    const s = new ClassifierSession(deps);
    const targets = await bundledTargets();
    s.setChoice({ kind: 'gme', location: 'org/gme-web', dtype: 'fp32' });
    await s.apply(targets);
    expect(s.error).toBeNull();
    expect(loads).toEqual([]);
    const before = s.files;
    expect(before).toHaveLength(3);
    await s.train([target('mx', medxpertItems(30))]);
    s.files = before;
    s.setChoice({ kind: 'gme', location: 'org/other-gme', dtype: 'fp32' });
    expect(await s.apply(targets)).toBeNull();
    expect(s.error).toMatch(
      /reads org\/gme-web features \(gme\), not org\/other-gme: choose the source it was trained on/,
    );
    expect(s.files).toBe(before);
    s.setChoice({ kind: 'text' });
    expect(await s.apply(targets)).toBeNull();
    expect(s.error).toMatch(/not hashed-ngrams/);
  });

  it('drops kept tags that do not read as tags files', () => {
    const kv = createMemoryKeyValue({
      [TAGS_KEY]: { classifier: shippedTextClassifier().id, files: [{ header: { type: 'nope' }, tags: [] }] },
    });
    const s = new ClassifierSession(makeDeps(kv).deps);
    expect(s.files).toEqual([]);
    expect(kv.read(TAGS_KEY)).toBeUndefined();
  });

  it('imports a classifier file (a bad one changes nothing), exports it, and goes back to the shipped one', async () => {
    const { deps, kv } = makeDeps();
    const s = new ClassifierSession(deps);
    expect(s.importText('{"format":"nope"}', 'bad.json')).toBe(false);
    expect(s.error).toMatch(/bad\.json is not a classifier file/);
    expect(s.isShipped).toBe(true);
    s.setChoice({ kind: 'gme', location: 'org/gme-web', dtype: 'fp32' });
    const trained = await s.train([target('mx', medxpertItems(30))]);
    const text = s.exportText();
    s.useShipped();
    expect(s.isShipped).toBe(true);
    expect(kv.read(ACTIVE_KEY)).toBeUndefined();
    expect(s.importText(text, 'mine.json')).toBe(true);
    expect(s.active.id).toBe(trained?.id);
    expect(serializeClassifierFile(s.active)).toBe(text);
  });

  it('falls back to the shipped classifier when the kept one is damaged, saying so', () => {
    const kv = createMemoryKeyValue({ [ACTIVE_KEY]: { format: 'medvlm-bench/classifier', version: 1 } });
    const s = new ClassifierSession(makeDeps(kv).deps);
    expect(s.isShipped).toBe(true);
    expect(s.error).toMatch(/shipped text-only classifier is active instead/);
  });
});
