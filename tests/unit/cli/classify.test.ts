// `classify` and `tables --tags` end to end, in-process, on every benchmark in ../shared (MMMU from the generated
// parquet fixture: ../shared has no MMMU data): apply tags every item, Tables 2 and 3 fill for all seven from stored
// results plus tags, another classifier changes the tables and never the results files, and the shipped classifier
// is byte for byte what its script makes.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_TRAIN_ARGS } from '../../../src/cli/classify/shipped-args';
import { main } from '../../../src/cli/main';
import { parseTags, serializeClassifierFile } from '../../../src/core/classify';
import { shippedTextClassifier } from '../../../src/core/classify/shipped';
import type { BenchmarkId } from '../../../src/core/types';
import { sampleMmmuRows, writeMmmuParquet } from '../../fixtures/mmmu-parquet';
import { captureIO } from '../../support/cli-io';
import { REPO_ROOT, describeShared, sharedPath } from '../../support/shared-datasets';

interface Case {
  id: BenchmarkId;
  data: () => string;
  variant?: string;
}

let tmp = '';
const CASES: Case[] = [
  { id: 'medxpertqa', data: () => sharedPath('medxpertqa') },
  { id: 'omnimedvqa', data: () => sharedPath('omnimedvqa') },
  { id: 'pmc-vqa', data: () => sharedPath('pmc-vqa'), variant: 'test_2' },
  { id: 'pathvqa', data: () => sharedPath('pathvqa') },
  { id: 'mmmu-med', data: () => join(tmp, 'mmmu') },
  { id: 'slake', data: () => sharedPath('slake') },
  { id: 'vqa-rad', data: () => sharedPath('vqa-rad') },
];

async function run(args: string[], cwd = tmp): Promise<{ code: number; out: string; err: string }> {
  const io = captureIO(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const dataArgs = (c: Case): string[] => [
  '--benchmark',
  c.id,
  '--data',
  c.data(),
  ...(c.variant ? ['--variant', c.variant] : []),
];
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

interface ItemLine {
  id: string;
  answer: string;
  options: { letter: string }[];
  tag: string | null;
}

describeShared('classify on every benchmark in ../shared, and Tables 2–3 from tags', () => {
  const items = new Map<BenchmarkId, ItemLine[]>();

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'medvlm-classify-'));
    mkdirSync(join(tmp, 'mmmu', 'Clinical_Medicine'), { recursive: true });
    writeFileSync(
      join(tmp, 'mmmu', 'Clinical_Medicine', 'validation-00000-of-00001.parquet'),
      writeMmmuParquet(sampleMmmuRows('Clinical_Medicine')),
    );
    for (const c of CASES) {
      const r = await run(['items', ...dataArgs(c)]);
      expect(r.code, r.err).toBe(0);
      items.set(
        c.id,
        r.out
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as ItemLine),
      );
      // stored results: item i answered right when i is even
      const preds = (items.get(c.id) ?? []).map((it, i) => {
        const wrong = it.options.find((o) => o.letter !== it.answer)?.letter ?? it.answer;
        return { id: it.id, output: `\\boxed{${i % 2 === 0 ? it.answer : wrong}}` };
      });
      writeFileSync(join(tmp, `preds-${c.id}.jsonl`), preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
      const s = await run([
        'score',
        ...dataArgs(c),
        '--predictions',
        `preds-${c.id}.jsonl`,
        '--model',
        'qwen2.5-vl-7b',
        '--out',
        `results-${c.id}.jsonl`,
        '--json',
      ]);
      expect(s.code, s.err).toBe(0);
    }
  }, 300_000);

  it('apply tags every item of every benchmark; MedXpertQA keeps its gold labels', async () => {
    const c0 = shippedTextClassifier();
    for (const c of CASES) {
      const r = await run(['classify', 'apply', ...dataArgs(c), '--out', `tags-${c.id}.jsonl`]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/TEXT-ONLY/);
      const file = parseTags(readFileSync(join(tmp, `tags-${c.id}.jsonl`), 'utf8'), c.id);
      expect(file.header).toMatchObject({ benchmark: c.id, classifier: { id: c0.id, cvAuc: c0.cv.auc } });
      const its = items.get(c.id) ?? [];
      expect(file.tags.map((t) => t.id)).toEqual(its.map((i) => i.id));
      file.tags.forEach((t, k) => {
        expect(t.classifier).toBe(c0.id);
        if (c.id === 'medxpertqa') expect([t.source, t.tag]).toEqual(['gold', its[k]?.tag]);
        else {
          expect(t.source).toBe('text');
          expect(t.tag).toBe(t.score >= c0.model.threshold ? 'reasoning' : 'understanding');
        }
      });
    }
  }, 300_000);

  it('Tables 2 and 3 fill for all seven from results + tags; another classifier changes them, never the results', async () => {
    const resultsHashes = CASES.map((c) => sha(join(tmp, `results-${c.id}.jsonl`)));
    // a second classifier: the shipped weights with the threshold at the lowest per-benchmark median score, so
    // every benchmark gets both tags
    const medians = CASES.filter((c) => c.id !== 'medxpertqa').map((c) => {
      const s = parseTags(readFileSync(join(tmp, `tags-${c.id}.jsonl`), 'utf8'), c.id)
        .tags.map((t) => t.score)
        .sort((a, b) => a - b);
      return s[Math.floor(s.length / 2)] ?? 0;
    });
    const shipped = shippedTextClassifier();
    const other = {
      ...shipped,
      id: 'text:hashed-ngrams-v1:low-threshold',
      model: { ...shipped.model, threshold: Math.min(...medians) },
    };
    writeFileSync(join(tmp, 'other.json'), serializeClassifierFile(other));
    for (const c of CASES) {
      const r = await run([
        'classify',
        'apply',
        ...dataArgs(c),
        '--classifier',
        'other.json',
        '--out',
        `other-${c.id}.jsonl`,
      ]);
      expect(r.code, r.err).toBe(0);
    }
    const table = async (
      kind: 2 | 3,
      prefix: string,
    ): Promise<{ cells: Record<string, { n: number } | null>; notes: string[] }> => {
      const args = [
        'tables',
        ...CASES.map((c) => `results-${c.id}.jsonl`),
        '--table',
        String(kind),
        '--format',
        'json',
      ];
      for (const c of CASES) args.push('--tags', `${prefix}-${c.id}.jsonl`);
      const r = await run(args);
      expect(r.code, r.err).toBe(0);
      const t = JSON.parse(r.out) as {
        table: {
          groups: { rows: { model: string; cells: Record<string, { n: number } | null> }[] }[];
          notes: string[];
        };
      };
      const row = t.table.groups.flatMap((g) => g.rows).find((x) => x.model === 'qwen2.5-vl-7b');
      return { cells: row?.cells ?? {}, notes: t.table.notes };
    };
    const count = (prefix: string, id: BenchmarkId, tag: string): number =>
      parseTags(readFileSync(join(tmp, `${prefix}-${id}.jsonl`), 'utf8'), id).tags.filter((t) => t.tag === tag).length;

    const t2 = await table(2, 'other');
    const t3 = await table(3, 'other');
    for (const c of CASES) {
      expect(t2.cells[c.id]?.n, c.id).toBe(count('other', c.id, 'reasoning'));
      expect(t3.cells[c.id]?.n, c.id).toBe(count('other', c.id, 'understanding'));
      expect(t2.cells[c.id]?.n ?? 0, c.id).toBeGreaterThan(0);
      expect(t3.cells[c.id]?.n ?? 0, c.id).toBeGreaterThan(0);
    }
    expect(t2.notes.join('\n')).toMatch(
      /VQA-RAD: tags by classifier text:hashed-ngrams-v1:low-threshold \(TEXT-ONLY.*CV AUC 0\.8\d\d\); \d+\.\d% of \d+ items tagged reasoning/,
    );

    const s2 = await table(2, 'tags');
    const changed = CASES.filter((c) => (s2.cells[c.id]?.n ?? 0) !== (t2.cells[c.id]?.n ?? 0));
    expect(changed.length).toBeGreaterThan(0);
    // MedXpertQA's row follows its gold labels whatever the classifier
    expect(s2.cells['medxpertqa']?.n).toBe(t2.cells['medxpertqa']?.n);
    expect(CASES.map((c) => sha(join(tmp, `results-${c.id}.jsonl`)))).toEqual(resultsHashes);
  }, 300_000);

  it('the committed text classifier is exactly what its script makes', async () => {
    const r = await run(SHIPPED_TRAIN_ARGS(sharedPath('medxpertqa'), join(tmp, 'retrained.json')), REPO_ROOT);
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(tmp, 'retrained.json'), 'utf8')).toBe(
      readFileSync(join(REPO_ROOT, 'src/core/classify/text-classifier.json'), 'utf8'),
    );
    expect(r.err).toMatch(/ROC AUC\s+0\.8\d\d/);
  }, 300_000);
});

describe('classify: reports and mistakes', () => {
  it('report prints the CV numbers beside the majority baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'medvlm-classify-r-'));
    writeFileSync(join(dir, 'c.json'), serializeClassifierFile(shippedTextClassifier()));
    const io = captureIO(dir);
    expect(await main(['classify', 'report', 'c.json'], io)).toBe(0);
    expect(io.out()).toMatch(/ROC AUC\s+0\.8\d\d/);
    expect(io.out()).toMatch(/majority-class baseline 72\.\d%/);
  });

  it('--help prints the three subcommands', async () => {
    const io = captureIO(REPO_ROOT);
    expect(await main(['classify', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/classify train .*\n[\s\S]*classify apply .*\n[\s\S]*classify report/);
  });

  it.each([
    [['classify'], /one of train, apply, report/],
    [['classify', 'aply'], /did you mean 'apply'/],
    [['classify', 'train', '--benchmark', 'slake', '--data', '.', '--out', 'x.json'], /only medxpertqa carries gold/],
    [
      ['classify', 'apply', '--benchmark', 'slake', '--data', '.', '--out', 't.jsonl', '--embeddings', 'gme'],
      /must be 'text' or 'remote:<url>'/,
    ],
    [['classify', 'report', 'missing.json'], /cannot read classifier file 'missing.json'/],
    [['tables', '--paper', '--tags', 'missing.jsonl'], /cannot read tags file 'missing.jsonl'/],
  ])('%j → exit 2 with a message', async (args, message) => {
    const io = captureIO(mkdtempSync(join(tmpdir(), 'medvlm-classify-e-')));
    expect(await main(args, io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});
