// `score` counts as the paper does: every item of the benchmark (or sample) with no prediction is wrong, with status
// `missing`; --skip-missing scores only the predicted items; the summary says how many were missing either way.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { parseResultsJsonl } from '../../../src/core/results';
import { captureIO } from '../../support/cli-io';
import { REPO_ROOT } from '../../support/shared-datasets';

const data = join(REPO_ROOT, 'static-datasets', 'vqa-rad');
let dir = '';
let items: { id: string; answer: string }[] = [];
/** Predictions for every other item, all with the gold letter: right where predicted, missing elsewhere. */
let predicted = 0;

beforeAll(async () => {
  const io = captureIO(REPO_ROOT);
  expect(await main(['items', '--benchmark', 'vqa-rad', '--data', data], io)).toBe(0);
  items = io
    .out()
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; answer: string });
  dir = mkdtempSync(join(tmpdir(), 'medvlm-score-missing-'));
  const preds = items.filter((_, i) => i % 2 === 0).map((it) => ({ id: it.id, output: `\\boxed{${it.answer}}` }));
  predicted = preds.length;
  writeFileSync(join(dir, 'preds.jsonl'), preds.map((p) => JSON.stringify(p)).join('\n') + '\n');
});

async function score(...extra: string[]) {
  const io = captureIO(dir);
  const code = await main(
    ['score', '--benchmark', 'vqa-rad', '--data', data, '--predictions', 'preds.jsonl', '--model', 'm', ...extra],
    io,
  );
  return { code, out: io.out(), err: io.err() };
}

interface ScoreJson {
  n: number;
  correct: number;
  accuracy: number;
  missing: number;
  missingCounted: boolean;
  items: number;
  statuses: Record<string, number>;
}

describe('score: items without a prediction', () => {
  it('counts them wrong by default, with status missing, accuracy over all items', async () => {
    const total = items.length;
    const missing = total - predicted;
    expect(missing).toBeGreaterThan(0);
    const r = await score('--json', '--out', 'scored.jsonl');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ScoreJson;
    expect([j.n, j.correct, j.missing, j.missingCounted, j.items]).toEqual([total, predicted, missing, true, total]);
    expect(j.accuracy).toBeCloseTo(predicted / total, 12);
    expect(j.statuses['missing']).toBe(missing);
    expect(r.err).toContain(`note: ${missing} of ${total} items have no prediction: counted wrong (status missing)`);
    const written = parseResultsJsonl(readFileSync(join(dir, 'scored.jsonl'), 'utf8'), 'scored.jsonl');
    expect(written.problems).toEqual([]);
    // what score writes passes the reader's checks unchanged: no `correct` recounted, no number clamped
    expect([written.recounted.total, written.clamped.total]).toEqual([0, 0]);
    const results = written.runs[0]?.results ?? [];
    expect(results).toHaveLength(total);
    const absent = results.filter((x) => x.status === 'missing');
    expect(absent).toHaveLength(missing);
    for (const x of absent) expect([x.correct, x.output, x.letter, x.error]).toEqual([false, '', null, undefined]);
  });

  it('--skip-missing scores only the predicted items and still says how many were missing', async () => {
    const missing = items.length - predicted;
    const r = await score('--json', '--skip-missing');
    const j = JSON.parse(r.out) as ScoreJson;
    expect([j.n, j.correct, j.missing, j.missingCounted]).toEqual([predicted, predicted, missing, false]);
    expect(j.accuracy).toBe(1);
    expect(j.statuses['missing']).toBe(0);
    expect(r.err).toContain('left out of the score (--skip-missing)');
  });

  it('the text summary names the missing count either way', async () => {
    const total = items.length;
    const missing = total - predicted;
    expect((await score()).out).toContain(`missing ${missing} of ${total} items: counted wrong`);
    expect((await score('--skip-missing')).out).toContain(`missing ${missing} of ${total} items: left out`);
  });
});
