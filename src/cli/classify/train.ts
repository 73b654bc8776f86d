// `classify train`: MedXpertQA items (gold question_type) → features → CV + fit → a classifier file.
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { getBenchmark } from '../../core/benchmarks';
import {
  DEFAULT_TRAIN,
  type TrainingExample,
  cachedFeatures,
  describeClassifier,
  serializeClassifierFile,
  trainClassifier,
} from '../../core/classify';
import { redact } from '../../backends/openai';
import type { Item } from '../../core/types';
import { resolveDataSource } from '../../data/resolve-source';
import { type Parsed, optionalString, requireString } from '../args';
import { type CliIO, usageError } from '../io';
import { loadData } from '../load-data';
import { chooseCache, chooseFeatures } from './sources';

export const TRAIN_OPTIONS = {
  benchmark: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  'with-text': { type: 'boolean' },
  folds: { type: 'string' },
  seed: { type: 'string' },
  l2: { type: 'string' },
} as const;

function numberArg(p: Parsed, name: string, fallback: number, integer: boolean): number {
  const text = optionalString(p, name);
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < 0)
    throw usageError(`classify train: --${name} must be a ${integer ? 'whole ' : ''}number ≥ 0 (got '${text}').`);
  return n;
}

export async function classifyTrain(p: Parsed, io: CliIO): Promise<number> {
  const benchmark = requireString('classify train', p, 'benchmark');
  if (benchmark !== 'medxpertqa')
    throw usageError(
      `classify train: only medxpertqa carries gold understanding/reasoning labels (got '${benchmark}'); train on it and apply to the others.`,
    );
  const out = requireString('classify train', p, 'out');
  const source = resolveDataSource(requireString('classify train', p, 'data'), io.cwd);
  const def = getBenchmark('medxpertqa');
  const variants = p.values['with-text'] === true ? ['mm', 'text'] : ['mm'];
  const items: Item[] = [];
  for (const variant of variants) items.push(...(await loadData(source, def, variant)).items);
  const labelled = items.filter((i) => i.tag !== undefined);
  if (labelled.length < 10)
    throw usageError(`classify train: ${labelled.length} items carry a question_type label; need at least 10.`);
  const { features, apiKey } = chooseFeatures('classify train', p, io, source);
  const cache = chooseCache(p, io);
  const examples: TrainingExample[] = [];
  for (const [k, item] of labelled.entries()) {
    const { vector, hash } = await cachedFeatures(features, cache, item);
    examples.push({ id: item.id, label: item.tag ?? 'understanding', contentHash: hash, vector });
    if (io.isTTY && k % 50 === 0) io.stderr(`\rfeatures ${k + 1}/${labelled.length}`);
  }
  if (io.isTTY) io.stderr('\n');
  const classifier = await trainClassifier(examples, {
    source: features.source,
    name: features.name,
    variants,
    l2: numberArg(p, 'l2', DEFAULT_TRAIN.l2, false),
    folds: numberArg(p, 'folds', DEFAULT_TRAIN.folds, true),
    seed: numberArg(p, 'seed', DEFAULT_TRAIN.seed, true),
  });
  await writeFile(resolve(io.cwd, out), serializeClassifierFile(classifier));
  io.stderr(redact(describeClassifier(classifier), apiKey));
  io.stderr(`wrote ${out}\n`);
  return 0;
}
