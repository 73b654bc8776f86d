// The Classifier page's pure parts: which embedding source the user chose (and what the gme worker is told to
// load), how the tags of several datasets become one tags file per benchmark, the share tagged reasoning, the
// inspector link, and the words that label a source wherever its tags are used.
import type { ClassifierFile, EmbeddingSource, TagLine, TagsFile } from '../../../core/classify';
import { tagsHeader } from '../../../core/classify';
import { EvalError } from '../../../core/errors';
import type { BenchmarkId } from '../../../core/types';
import { localPathOf } from './run-plan';

export const GME_REPO = 'Alibaba-NLP/gme-Qwen2-VL-2B-Instruct';

/** What the user picked on the page; the API key is never part of the saved choice. */
export type SourceChoice =
  { kind: 'text' } | { kind: 'gme'; location: string; dtype: string } | { kind: 'remote'; url: string; model: string };

/** How each source is named wherever its tags appear: the text one always says it sees no image. */
export const SOURCE_LABELS: Record<EmbeddingSource, string> = {
  text: 'TEXT-ONLY (shipped, no download; sees no image)',
  gme: 'gme-Qwen2-VL in this browser',
  remote: 'remote embeddings endpoint',
};

/** The embed worker's options for a gme export named by Hub repo id or by the URL of its folder. */
export interface GmeWorkerTarget {
  model: string;
  localModelPath?: string;
  allowRemoteModels: boolean;
  /** The name recorded in the classifier file: the repo id or the URL as given. */
  name: string;
}

export function gmeWorkerTarget(location: string, pageProtocol?: string): GmeWorkerTarget {
  const where = location.trim().replace(/\/+$/, '');
  if (where === '')
    throw new EvalError(
      'config/model-url',
      `Give the gme web export's Hub repo id or the URL of its folder (docs/models.md says how to make one).`,
    );
  if (!/^https?:\/\//i.test(where)) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(where))
      throw new EvalError(
        'config/model-url',
        `"${where}" is neither a Hub repo id (owner/name) nor an http(s) URL of an export folder.`,
      );
    return { model: where, allowRemoteModels: true, name: where };
  }
  let url: URL;
  try {
    url = new URL(where);
  } catch (e) {
    throw new EvalError('config/model-url', `"${where}" is not a URL: give the folder that holds config.json.`, e);
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/config\.json$/, '');
  const cut = path.lastIndexOf('/');
  const model = path.slice(cut + 1);
  if (model === '')
    throw new EvalError('config/model-url', `${where}: the URL must name the export's folder, not the server root.`);
  const prefix = `${url.origin}${path.slice(0, cut)}/`;
  return { model, localModelPath: localPathOf(prefix, pageProtocol), allowRemoteModels: false, name: where };
}

/** One dataset's tags, as applied. */
export interface AppliedTags {
  benchmark: BenchmarkId;
  variant: string;
  tags: readonly TagLine[];
}

/** One tags file per benchmark (tagSetOf refuses two): a bundled slice and a loaded release merge, by item id. */
export function mergeTags(applied: readonly AppliedTags[], c: ClassifierFile): TagsFile[] {
  const by = new Map<BenchmarkId, { variants: string[]; tags: Map<string, TagLine> }>();
  for (const a of applied) {
    const entry = by.get(a.benchmark) ?? { variants: [], tags: new Map<string, TagLine>() };
    if (!entry.variants.includes(a.variant)) entry.variants.push(a.variant);
    for (const t of a.tags) entry.tags.set(t.id, t);
    by.set(a.benchmark, entry);
  }
  return [...by.entries()].map(([benchmark, e]) => ({
    header: tagsHeader(benchmark, e.variants.join('+'), c),
    tags: [...e.tags.values()],
  }));
}

export interface TagShare {
  benchmark: BenchmarkId;
  n: number;
  reasoning: number;
  gold: number;
  /** reasoning / n (0 when empty). */
  share: number;
}

export function tagShares(files: readonly TagsFile[]): TagShare[] {
  return files.map((f) => {
    const reasoning = f.tags.filter((t) => t.tag === 'reasoning').length;
    return {
      benchmark: f.header.benchmark,
      n: f.tags.length,
      reasoning,
      gold: f.tags.filter((t) => t.source === 'gold').length,
      share: f.tags.length === 0 ? 0 : reasoning / f.tags.length,
    };
  });
}

/** The item inspector filtered to one benchmark's items of one tag. */
export function inspectHref(benchmark: BenchmarkId, tag: 'reasoning' | 'understanding'): string {
  return `#/inspect?${new URLSearchParams({ benchmark, tag }).toString()}`;
}

export function percent(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** A file name for the classifier's export. */
export function classifierFileName(c: ClassifierFile): string {
  return `classifier-${c.id.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`;
}
