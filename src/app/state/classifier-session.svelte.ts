// The Classifier page's state: the embedding source, the active classifier (kept across reloads; the shipped
// text-only one until the user trains or imports another), training on a loaded MedXpertQA, applying to every
// loaded and bundled benchmark with progress, and the tags Tables 2–3 read. Models, workers, storage and vector
// caches come in as deps, so Node tests drive it with fakes.
import {
  type ClassifierFile,
  type ImageReader,
  type ItemFeatures,
  type TagSet,
  type TagsFile,
  type TrainOptions,
  type TrainingExample,
  type VectorCache,
  DEFAULT_TRAIN,
  TEXT_ITEM_FEATURES,
  cachedFeatures,
  checkClassifierFile,
  checkFeaturesMatch,
  parseClassifierFile,
  parseTags,
  serializeClassifierFile,
  serializeTags,
  tagItems,
  tagSetOf,
} from '../../core/classify';
import { embedderFeatures } from '../../core/classify';
import { shippedTextClassifier } from '../../core/classify/shipped';
import type { DatasetSource, Embedder, LoadProgress } from '../../core/ports';
import type { BenchmarkId, Item } from '../../core/types';
import { type AppliedTags, type SourceChoice, mergeTags } from '../lib/pure/classifier-view';
import { describeError } from '../lib/pure/errors';
import { asRecord, type KeyValueStore } from '../lib/pure/key-value';

export const ACTIVE_KEY = 'medvlm-bench:classifier:active:v1';
export const SOURCE_KEY = 'medvlm-bench:classifier:source:v1';
export const TAGS_KEY = 'medvlm-bench:classifier:tags:v1';

/** A benchmark's items to train on or tag, and where its image bytes are read from. */
export interface ClassifyTarget {
  key: string;
  title: string;
  benchmark: BenchmarkId;
  variant: string;
  items: readonly Item[];
  source: DatasetSource | null;
}

export interface ClassifierDeps {
  kv: KeyValueStore;
  /** A loaded embedder for gme or remote (the embed worker, the remote client); `apiKey` only for remote. */
  embedder(
    choice: Exclude<SourceChoice, { kind: 'text' }>,
    apiKey: string,
    onProgress: (p: LoadProgress) => void,
  ): Promise<Embedder & { dispose?(): Promise<void> }>;
  /** The name a source's classifier files record (gme: the repo id or URL). */
  nameOf(choice: Exclude<SourceChoice, { kind: 'text' }>): string;
  /** Vectors by content hash for one feature model (the page: memory in front of IndexedDB). */
  cacheFor(features: ItemFeatures): VectorCache;
  /** Trains off the page's thread (a worker in the page). */
  train(examples: TrainingExample[], opts: TrainOptions): Promise<ClassifierFile>;
  /** Lets the page paint between chunks of work. */
  nextTask(): Promise<void>;
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

const CHUNK = 64;

function readChoice(v: unknown): SourceChoice {
  const r = asRecord(v);
  if (r['kind'] === 'gme' && typeof r['location'] === 'string')
    return { kind: 'gme', location: r['location'], dtype: typeof r['dtype'] === 'string' ? r['dtype'] : 'fp32' };
  if (r['kind'] === 'remote' && typeof r['url'] === 'string')
    return { kind: 'remote', url: r['url'], model: typeof r['model'] === 'string' ? r['model'] : '' };
  return { kind: 'text' };
}

function imageReader(source: DatasetSource | null): ImageReader {
  return async (item) => {
    const out: Uint8Array[] = [];
    for (const im of item.images) {
      if (im.bytes !== undefined) out.push(im.bytes);
      else if (im.present && source !== null) out.push(await source.readBytes(im.path));
    }
    return out;
  };
}

export class ClassifierSession {
  choice = $state<SourceChoice>({ kind: 'text' });
  /** For a remote endpoint: kept in memory for this page only. */
  apiKey = $state('');
  active = $state.raw<ClassifierFile>(shippedTextClassifier());
  /** Tags of the active classifier, one file per benchmark. */
  files = $state.raw<TagsFile[]>([]);
  busy = $state<'idle' | 'loading' | 'training' | 'applying'>('idle');
  progress = $state<Progress | null>(null);
  error = $state<string | null>(null);
  notice = $state<string | null>(null);
  private embedderCache: { key: string; embedder: Embedder & { dispose?(): Promise<void> } } | null = null;

  constructor(private readonly deps: ClassifierDeps) {
    this.choice = readChoice(deps.kv.read(SOURCE_KEY));
    this.active = this.readActive();
    this.files = this.readTags();
  }

  /**
   * Tables 2–3 and the inspector read these; undefined until the classifier was applied. Built once per set of
   * files (the tables, the inspector's filter and its re-tag all ask for it).
   */
  get tagSet(): TagSet | undefined {
    const files = this.files;
    if (this.tagSetMemo?.files !== files)
      this.tagSetMemo = { files, set: files.length === 0 ? undefined : tagSetOf(files) };
    return this.tagSetMemo.set;
  }
  private tagSetMemo: { files: TagsFile[]; set: TagSet | undefined } | null = null;

  get isShipped(): boolean {
    return this.active.id === shippedTextClassifier().id;
  }

  setChoice(choice: SourceChoice): void {
    this.choice = choice;
    this.deps.kv.write(SOURCE_KEY, choice);
  }

  /** Trains on MedXpertQA targets (gold question_type labels); the new classifier becomes the active one. */
  async train(targets: readonly ClassifyTarget[]): Promise<ClassifierFile | null> {
    const labelled = targets.flatMap((t) =>
      t.items.filter((i) => i.tag !== undefined && i.tagSource === 'gold').map((item) => ({ item, target: t })),
    );
    if (labelled.length < 10) {
      this.error = `Training needs MedXpertQA items with their question_type labels (${labelled.length} found): load MedXpertQA MM on the Benchmarks page first.`;
      return null;
    }
    return this.guard(async () => {
      // Scratch bookkeeping of one training run, not state a page reads.
      // eslint-disable-next-line svelte/prefer-svelte-reactivity
      const byTarget = new Map<string, ItemFeatures>();
      const examples: TrainingExample[] = [];
      for (const [k, { item, target }] of labelled.entries()) {
        const f = byTarget.get(target.key) ?? (await this.featuresFor(target, this.choice));
        byTarget.set(target.key, f);
        this.busy = 'training';
        const { vector, hash } = await cachedFeatures(f, this.deps.cacheFor(f), item);
        examples.push({ id: item.id, label: item.tag ?? 'understanding', contentHash: hash, vector });
        if (k % CHUNK === CHUNK - 1) {
          this.progress = { label: 'Embedding MedXpertQA', done: k + 1, total: labelled.length };
          await this.deps.nextTask();
        }
      }
      const f = [...byTarget.values()][0] ?? TEXT_ITEM_FEATURES;
      this.progress = { label: 'Training (5-fold cross-validation)', done: 0, total: 1 };
      const variants = labelled.map((l) => l.target.variant).filter((v, i, all) => all.indexOf(v) === i);
      variants.sort();
      const c = await this.deps.train(examples, { source: f.source, name: f.name, variants, ...DEFAULT_TRAIN });
      this.setActive(c);
      this.notice = `Trained ${c.id} on ${c.training.n} items; it is now the active classifier.`;
      return c;
    });
  }

  /** Tags every target with the active classifier; MedXpertQA keeps its gold labels. */
  async apply(targets: readonly ClassifyTarget[]): Promise<TagsFile[] | null> {
    const c = this.active;
    return this.guard(async () => {
      const total = targets.reduce((n, t) => n + t.items.length, 0);
      const applied: AppliedTags[] = [];
      let done = 0;
      // The shipped text features need nothing loaded: a text classifier applies whatever source is chosen.
      const choice: SourceChoice = c.embedding.source === 'text' ? { kind: 'text' } : this.choice;
      const name = choice.kind === 'text' ? TEXT_ITEM_FEATURES.name : this.deps.nameOf(choice);
      if (choice.kind !== c.embedding.source || name !== c.embedding.name)
        throw new Error(
          `The active classifier reads ${c.embedding.name} features (${c.embedding.source}), not ${name}: choose the source it was trained on, or train one on this source.`,
        );
      for (const t of targets) {
        const f = await this.featuresFor(t, choice);
        const mismatch = checkFeaturesMatch(c, f);
        if (mismatch !== null) throw new Error(`${mismatch}: train a classifier on this source.`);
        this.busy = 'applying';
        const cache = this.deps.cacheFor(f);
        const tags = [];
        for (let at = 0; at < t.items.length; at += CHUNK) {
          tags.push(...(await tagItems(t.items.slice(at, at + CHUNK), c, f, { cache })));
          done += Math.min(CHUNK, t.items.length - at);
          this.progress = { label: `Tagging ${t.title}`, done, total };
          await this.deps.nextTask();
        }
        applied.push({ benchmark: t.benchmark, variant: t.variant, tags });
      }
      this.files = mergeTags(applied, c);
      // Tags are small; a full store only loses them on reload (Apply makes them again from cached vectors).
      if (!this.deps.kv.write(TAGS_KEY, { classifier: c.id, files: this.files }))
        this.notice = 'The tags could not be kept in this browser’s storage: apply again after a reload.';
      return this.files;
    });
  }

  /** Reads a classifier file the user picked; it becomes the active one. */
  importText(text: string, name: string): boolean {
    try {
      const c = parseClassifierFile(text, name);
      this.setActive(c);
      this.error = null;
      this.notice = `Imported ${c.id} from ${name}.`;
      return true;
    } catch (e) {
      this.error = describeError(e);
      return false;
    }
  }

  exportText(): string {
    return serializeClassifierFile(this.active);
  }

  useShipped(): void {
    this.setActive(shippedTextClassifier());
    this.deps.kv.remove(ACTIVE_KEY);
  }

  private setActive(c: ClassifierFile): void {
    if (c.id !== this.active.id) {
      this.files = [];
      this.deps.kv.remove(TAGS_KEY);
    }
    this.active = c;
    if (!this.deps.kv.write(ACTIVE_KEY, c))
      this.notice = `${c.id} is active for this visit only: the browser's storage refused it (export it to keep it).`;
  }

  private readActive(): ClassifierFile {
    const raw = this.deps.kv.read(ACTIVE_KEY);
    if (raw === undefined) return shippedTextClassifier();
    try {
      return checkClassifierFile(raw, 'the classifier kept in this browser');
    } catch (e) {
      this.error = `${describeError(e)} The shipped text-only classifier is active instead.`;
      return shippedTextClassifier();
    }
  }

  private readTags(): TagsFile[] {
    const r = asRecord(this.deps.kv.read(TAGS_KEY));
    if (r['classifier'] !== this.active.id || !Array.isArray(r['files'])) return [];
    try {
      // Read back through the tags file's own schema, so a damaged store cannot reach the tables.
      const files = (r['files'] as TagsFile[]).map((f) => parseTags(serializeTags(f), 'the tags kept in this browser'));
      tagSetOf(files);
      return files;
    } catch {
      this.deps.kv.remove(TAGS_KEY);
      return [];
    }
  }

  private async featuresFor(t: ClassifyTarget, choice: SourceChoice): Promise<ItemFeatures> {
    if (choice.kind === 'text') return TEXT_ITEM_FEATURES;
    const key = JSON.stringify(choice);
    if (this.embedderCache?.key !== key) {
      this.busy = 'loading';
      await this.embedderCache?.embedder.dispose?.();
      this.embedderCache = null;
      const embedder = await this.deps.embedder(choice, this.apiKey, (p) => {
        this.progress = {
          label: p.message ?? `Loading (${p.phase})`,
          done: p.loadedBytes ?? 0,
          total: p.totalBytes ?? 0,
        };
      });
      this.embedderCache = { key, embedder };
    }
    return embedderFeatures(this.embedderCache.embedder, choice.kind, this.deps.nameOf(choice), imageReader(t.source));
  }

  private async guard<T>(work: () => Promise<T>): Promise<T | null> {
    if (this.busy !== 'idle') return null;
    this.error = null;
    this.notice = null;
    this.busy = 'loading';
    try {
      return await work();
    } catch (e) {
      this.error = describeError(e);
      return null;
    } finally {
      this.busy = 'idle';
      this.progress = null;
    }
  }
}
