// The tags file: beside results, never inside them. One header line (which benchmark, which classifier and how
// good it is), then one line per item {id, tag, score, classifier, source, hash}. Tables 2–3 read tags from here,
// so a new classifier re-tags stored results without touching a results file or rerunning a model.
import * as v from 'valibot';
import { BENCHMARK_IDS } from '../benchmarks/catalogue';
import { EvalError } from '../errors';
import type { BenchmarkId, Tag } from '../types';
import { EMBEDDING_SOURCES, type ClassifierFile } from './file';

export const TAGS_FORMAT_VERSION = 1;

const TagValue = v.picklist(['reasoning', 'understanding'] as const);

const TagsHeaderSchema = v.object({
  type: v.literal('tags'),
  formatVersion: v.literal(TAGS_FORMAT_VERSION),
  benchmark: v.picklist(BENCHMARK_IDS),
  variant: v.string(),
  classifier: v.object({
    id: v.string(),
    source: v.picklist(EMBEDDING_SOURCES),
    name: v.string(),
    dim: v.number(),
    cvAuc: v.number(),
    threshold: v.number(),
  }),
});

const TagLineSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  tag: TagValue,
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  classifier: v.string(),
  source: v.picklist(['gold', ...EMBEDDING_SOURCES] as const),
  hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});

export type TagsHeader = v.InferOutput<typeof TagsHeaderSchema>;
export type TagLine = v.InferOutput<typeof TagLineSchema>;

export interface TagsFile {
  header: TagsHeader;
  tags: TagLine[];
}

export function tagsHeader(benchmark: BenchmarkId, variant: string, c: ClassifierFile): TagsHeader {
  return {
    type: 'tags',
    formatVersion: TAGS_FORMAT_VERSION,
    benchmark,
    variant,
    classifier: {
      id: c.id,
      source: c.embedding.source,
      name: c.embedding.name,
      dim: c.embedding.dim,
      cvAuc: c.cv.auc,
      threshold: c.model.threshold,
    },
  };
}

export function serializeTags(file: TagsFile): string {
  return [file.header, ...file.tags].map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** Reads a tags file; any bad line is config/tags naming the file and line (tags are all-or-nothing per file). */
export function parseTags(text: string, name: string): TagsFile {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const bad = (line: number, why: string): EvalError =>
    new EvalError(
      'config/tags',
      `${name}:${line}: ${why}; make the file again with 'medvlm-bench classify apply --benchmark <id> --data <dir> --out <tags.jsonl>'.`,
    );
  const json = (l: string, i: number): unknown => {
    try {
      return JSON.parse(l);
    } catch {
      throw bad(i + 1, 'not JSON');
    }
  };
  const first = lines[0];
  if (first === undefined) throw bad(1, 'the file is empty');
  const head = v.safeParse(TagsHeaderSchema, json(first, 0));
  if (!head.success) throw bad(1, `not a tags header of format ${TAGS_FORMAT_VERSION} (${head.issues[0]?.message})`);
  const tags: TagLine[] = [];
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const parsed = v.safeParse(TagLineSchema, json(lines[i] ?? '', i));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw bad(i + 1, `not a tag line (${v.getDotPath(issue) ?? 'line'}: ${issue.message})`);
    }
    if (seen.has(parsed.output.id)) throw bad(i + 1, `item '${parsed.output.id}' is tagged twice`);
    seen.add(parsed.output.id);
    tags.push(parsed.output);
  }
  return { header: head.output, tags };
}

/** Tags of several files, by benchmark and item id: what Tables 2–3 read. */
export interface TagSet {
  /** The tag of one item; undefined when no file tags it. */
  tagOf(benchmark: BenchmarkId, id: string): Tag | undefined;
  /** The files' headers and their share of reasoning tags, per benchmark (for the tables' notes). */
  summaries(): TagsSummary[];
  has(benchmark: BenchmarkId): boolean;
}

export interface TagsSummary {
  benchmark: BenchmarkId;
  header: TagsHeader;
  n: number;
  reasoning: number;
  /** Items tagged from their gold label, not by the classifier. */
  gold: number;
}

/** One file per benchmark: a second file for the same benchmark is refused (which one should win?). */
export function tagSetOf(files: readonly TagsFile[], names: readonly string[] = []): TagSet {
  const by = new Map<BenchmarkId, { file: TagsFile; map: Map<string, Tag> }>();
  files.forEach((file, i) => {
    const b = file.header.benchmark;
    if (by.has(b))
      throw new EvalError(
        'config/tags',
        `two tags files for ${b}${names[i] !== undefined ? ` (${names[i]} is the second)` : ''}: give one per benchmark.`,
      );
    by.set(b, { file, map: new Map(file.tags.map((t) => [t.id, t.tag])) });
  });
  return {
    tagOf: (benchmark, id) => by.get(benchmark)?.map.get(id),
    has: (benchmark) => by.has(benchmark),
    summaries: () =>
      [...by.entries()].map(([benchmark, { file }]) => ({
        benchmark,
        header: file.header,
        n: file.tags.length,
        reasoning: file.tags.filter((t) => t.tag === 'reasoning').length,
        gold: file.tags.filter((t) => t.source === 'gold').length,
      })),
  };
}
