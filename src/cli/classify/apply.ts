// `classify apply`: every item of a benchmark → {id, tag, score, classifier} lines (after one header line).
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redact } from '../../backends/openai';
import { getBenchmark } from '../../core/benchmarks';
import { checkFeaturesMatch, parseClassifierFile, serializeTags, tagItems, tagsHeader } from '../../core/classify';
import type { ClassifierFile } from '../../core/classify';
import { resolveDataSource } from '../../data/resolve-source';
import { readUserFile } from '../files';
import { type Parsed, optionalString, requireString } from '../args';
import { type CliIO, usageError } from '../io';
import { loadData } from '../load-data';
import { chooseCache, chooseFeatures } from './sources';

export const APPLY_OPTIONS = {
  benchmark: { type: 'string' },
  data: { type: 'string' },
  variant: { type: 'string' },
  classifier: { type: 'string' },
  out: { type: 'string' },
} as const;

async function readClassifier(io: CliIO, name: string | undefined): Promise<ClassifierFile> {
  // loaded on demand: 16k weights parsed only when the shipped classifier is used
  if (name === undefined || name === 'text')
    return (await import('../../core/classify/shipped')).shippedTextClassifier();
  return parseClassifierFile(await readUserFile(io, name, 'classifier file'), name);
}

export async function classifyApply(p: Parsed, io: CliIO): Promise<number> {
  const def = getBenchmark(requireString('classify apply', p, 'benchmark'));
  const out = requireString('classify apply', p, 'out');
  const source = resolveDataSource(requireString('classify apply', p, 'data'), io.cwd);
  const classifier = await readClassifier(io, optionalString(p, 'classifier'));
  // the features are the classifier's own: text for a text classifier, else what --embeddings names
  const { features, apiKey } = chooseFeatures(
    'classify apply',
    classifier.embedding.source === 'text' && optionalString(p, 'embeddings') === undefined
      ? { ...p, values: { ...p.values, embeddings: 'text' } }
      : p,
    io,
    source,
  );
  const mismatch = checkFeaturesMatch(classifier, features);
  if (mismatch !== null)
    throw usageError(
      `classify apply: ${mismatch}; give --embeddings for the classifier's source (${classifier.embedding.source}: ${classifier.embedding.name}).`,
    );
  const loaded = await loadData(source, def, optionalString(p, 'variant'));
  const tags = await tagItems(loaded.items, classifier, features, {
    cache: chooseCache(p, io),
    onProgress: (done, total) => {
      if (io.isTTY && (done % 200 === 0 || done === total)) io.stderr(`\rtagged ${done}/${total}`);
    },
  });
  if (io.isTTY) io.stderr('\n');
  const header = tagsHeader(def.id, loaded.report.variant, classifier);
  await writeFile(resolve(io.cwd, out), serializeTags({ header, tags }));
  const reasoning = tags.filter((t) => t.tag === 'reasoning').length;
  const gold = tags.filter((t) => t.source === 'gold').length;
  io.stderr(
    redact(
      `${def.id} (${loaded.report.variant}): ${tags.length} items, ${reasoning} tagged reasoning (${((100 * reasoning) / Math.max(1, tags.length)).toFixed(1)}%)` +
        `${gold > 0 ? `, ${gold} by their gold label` : ''}; classifier ${classifier.id} (CV AUC ${classifier.cv.auc.toFixed(3)})` +
        `${classifier.embedding.source === 'text' ? ' — TEXT-ONLY features, a demo fallback' : ''}\nwrote ${out}\n`,
      apiKey,
    ),
  );
  return 0;
}
