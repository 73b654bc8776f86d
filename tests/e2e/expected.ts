// What the app should show, derived here from the committed static-datasets raw files with the protocol's rules
// (§1), independently of the app's loaders; and a results file generated for the import test.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/shared-datasets';
import { RESULTS_FORMAT_VERSION } from '../../src/core/types';
import type { BenchmarkId, ItemResult, RunManifest } from '../../src/core/types';

export const STATIC_DIR = join(REPO_ROOT, 'static-datasets');

type Raw = Record<string, unknown>;

export function readRecords(benchmark: string, file: string): Raw[] {
  return JSON.parse(readFileSync(join(STATIC_DIR, benchmark, file), 'utf8')) as Raw[];
}

const lower = (v: unknown): string => String(v).trim().toLowerCase();
const isYesNo = (v: unknown): boolean => lower(v) === 'yes' || lower(v) === 'no';

/** SLAKE either/or: the alternatives named in the question ("…,lung,liver or heart?"). */
export function eitherOrAlternatives(question: string): string[] {
  if (!/\sor\s/i.test(question)) return [];
  const clause = question.includes(',') ? question.slice(question.indexOf(',') + 1) : question;
  return clause
    .replace(/\?\s*$/, '')
    .split(/,|\s+or\s+/i)
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== '');
}

export interface Expected {
  id: BenchmarkId;
  title: string;
  dataFile: string;
  records: Raw[];
  kept: Raw[];
  imageOf: (r: Raw) => string;
  /** The gold option text of a kept record, lower-cased. */
  goldText: (r: Raw) => string;
}

export function expectedBenchmarks(): Expected[] {
  const vqa = readRecords('vqa-rad', 'VQA_RAD Dataset Public.json');
  const slake = readRecords('slake', 'test.json');
  const path = readRecords('pathvqa', 'test.json');
  return [
    {
      id: 'vqa-rad',
      title: 'VQA-RAD',
      dataFile: 'VQA_RAD Dataset Public.json',
      records: vqa,
      kept: vqa.filter(
        (r) => (r['phrase_type'] === 'test_freeform' || r['phrase_type'] === 'test_para') && isYesNo(r['answer']),
      ),
      imageOf: (r) => `VQA_RAD Image Folder/${String(r['image_name'])}`,
      goldText: (r) => lower(r['answer']),
    },
    {
      id: 'slake',
      title: 'SLAKE',
      dataFile: 'test.json',
      records: slake,
      kept: slake.filter(
        (r) =>
          r['q_lang'] === 'en' &&
          r['answer_type'] === 'CLOSED' &&
          (isYesNo(r['answer']) || eitherOrAlternatives(String(r['question'])).includes(lower(r['answer']))),
      ),
      imageOf: (r) => `imgs/${String(r['img_name'])}`,
      goldText: (r) => lower(r['answer']),
    },
    {
      id: 'pathvqa',
      title: 'PathVQA',
      dataFile: 'test.json',
      records: path,
      kept: path.filter((r) => isYesNo(r['answer'])),
      imageOf: (r) => String(r['image']),
      goldText: (r) => lower(r['answer']),
    },
  ];
}

export interface SliceManifest {
  files: { path: string; sha256: string; bytes: number }[];
  counts: { records: number; items: number; images: number };
}

export function readManifest(benchmark: string): SliceManifest {
  return JSON.parse(readFileSync(join(STATIC_DIR, benchmark, 'manifest.json'), 'utf8')) as SliceManifest;
}

/** Files a manifest lists, to check that every kept item's image was bundled. */
export function manifestPaths(benchmark: string): Set<string> {
  return new Set(readManifest(benchmark).files.map((f) => f.path));
}

/** A results file: a manifest line and one result per id; item i is correct unless i % 3 === 1 (deterministic). */
export function makeResultsFile(
  model: string,
  benchmark: BenchmarkId,
  variant: string,
  ids: readonly string[],
): { text: string; correct: number; n: number } {
  const manifest: RunManifest = {
    type: 'manifest',
    formatVersion: RESULTS_FORMAT_VERSION,
    appVersion: '0.1.0',
    benchmark,
    benchmarkVersion: '1',
    variant,
    model,
    backend: 'import',
    backendModel: model,
    promptVersion: '1',
    extractorVersion: '1',
    dataHash: 'unknown',
    itemIdsHash: 'unknown',
    generation: { maxNewTokens: 2048, temperature: 0 },
    createdAt: '2025-06-01T00:00:00.000Z',
  };
  let correct = 0;
  const lines = [JSON.stringify(manifest)];
  ids.forEach((id, i) => {
    const ok = i % 3 !== 1;
    if (ok) correct += 1;
    const result: ItemResult = {
      type: 'result',
      id,
      benchmark,
      variant,
      model,
      output: ok ? 'Reasoning… \\boxed{A}' : 'Reasoning… \\boxed{B}',
      extracted: ok ? 'A' : 'B',
      letter: ok ? 'A' : 'B',
      status: 'boxed',
      mode: 'paper',
      gold: 'A',
      correct: ok,
      promptTokens: 100,
      completionTokens: 50,
      latencyMs: 1000,
      truncated: false,
      tag: null,
      tagSource: null,
    };
    lines.push(JSON.stringify(result));
  });
  return { text: `${lines.join('\n')}\n`, correct, n: ids.length };
}
