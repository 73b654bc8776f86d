// `score --by`: per-group accuracy through grouped(), on a six-item SLAKE fixture with hand-computed numbers, on the
// bundled SLAKE demo slice, and by the understanding/reasoning tag on the real MedXpertQA sample.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import { captureIO } from '../../support/cli-io';
import { describeShared, REPO_ROOT, sharedPath } from '../../support/shared-datasets';

interface GroupJson {
  n: number;
  correct: number;
  accuracy: number;
  interval: [number, number];
}
interface ScoreJson {
  n: number;
  correct: number;
  groups?: Record<string, GroupJson>;
}

/** [qid, modality, gold, predicted]: CT 2 of 3 right, MRI 2 of 2, X-Ray 0 of 1; 4 of 6 overall. */
const ROWS = [
  [1, 'CT', 'Yes', 'yes'],
  [2, 'CT', 'No', 'yes'],
  [3, 'CT', 'Yes', 'yes'],
  [4, 'MRI', 'No', 'no'],
  [5, 'MRI', 'Yes', 'yes'],
  [6, 'X-Ray', 'Yes', 'no'],
] as const;

/** A SLAKE-shaped folder (test.json + imgs/) and predictions; the images are absent, which scoring does not need. */
function slakeFixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'medvlm-score-by-'));
  mkdirSync(join(dir, 'data', 'imgs', 'xmlab1'), { recursive: true });
  writeFileSync(join(dir, 'data', 'imgs', 'xmlab1', 'source.jpg'), '');
  const records = ROWS.map(([qid, modality, answer]) => ({
    img_id: 1,
    img_name: 'xmlab1/source.jpg',
    question: 'Is this image abnormal?',
    answer,
    q_lang: 'en',
    location: 'Chest',
    modality,
    answer_type: 'CLOSED',
    base_type: 'vqa',
    qid,
    content_type: 'Abnormality',
  }));
  writeFileSync(join(dir, 'data', 'test.json'), JSON.stringify(records));
  const preds = ROWS.map(([qid, , , said]) => JSON.stringify({ id: String(qid), output: `\\boxed{${said}}` }));
  writeFileSync(join(dir, 'preds.jsonl'), preds.join('\n') + '\n');
  return dir;
}

async function score(cwd: string, data: string, preds: string, ...extra: string[]) {
  const io = captureIO(cwd);
  const args = ['score', '--benchmark', 'slake', '--data', data, '--predictions', preds, ...extra];
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('score --by on a six-item SLAKE fixture', () => {
  const dir = slakeFixture();

  it('--by modality --json adds a groups object with n, correct, accuracy and the Wilson interval', async () => {
    const r = await score(dir, 'data', 'preds.jsonl', '--by', 'modality', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as ScoreJson;
    expect([j.n, j.correct]).toEqual([6, 4]);
    const g = j.groups ?? {};
    expect(Object.keys(g)).toEqual(['CT', 'MRI', 'X-Ray']);
    expect(g['CT']).toMatchObject({ n: 3, correct: 2 });
    expect(g['MRI']).toMatchObject({ n: 2, correct: 2, accuracy: 1 });
    expect(g['X-Ray']).toMatchObject({ n: 1, correct: 0, accuracy: 0 });
    // Wilson 95%, z² = 3.841459: 2/3 → centre (2/3 + z²/6)/(1 + z²/3) = 0.573084, half 0.365424 → [0.207660, 0.938508];
    // 2/2 → [n/(n + z²), 1] = [2/5.841459, 1] = [0.342380, 1]; 0/1 → [0, z²/(1 + z²)] = [0, 0.793451]
    expect(g['CT']?.accuracy).toBeCloseTo(2 / 3, 12);
    expect(g['CT']?.interval[0]).toBeCloseTo(0.20766, 5);
    expect(g['CT']?.interval[1]).toBeCloseTo(0.938508, 5);
    expect(g['MRI']?.interval[0]).toBeCloseTo(0.34238, 5);
    expect(g['MRI']?.interval[1]).toBe(1);
    expect(g['X-Ray']?.interval[0]).toBe(0);
    expect(g['X-Ray']?.interval[1]).toBeCloseTo(0.793451, 5);
  });

  it('prints one line per group after the overall summary', async () => {
    const r = await score(dir, 'data', 'preds.jsonl', '--by', 'modality');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[1]).toMatch(/^n 6 {2}correct 4 {2}accuracy 0\.6667/);
    expect(lines.slice(-4)).toEqual([
      'by modality:',
      '  CT     n 3  correct 2  accuracy 0.6667  95% CI [0.2077, 0.9385]',
      '  MRI    n 2  correct 2  accuracy 1.0000  95% CI [0.3424, 1.0000]',
      '  X-Ray  n 1  correct 0  accuracy 0.0000  95% CI [0.0000, 0.7935]',
    ]);
  });

  it('an unknown field gives empty groups and one line naming the meta fields the results carry', async () => {
    const r = await score(dir, 'data', 'preds.jsonl', '--by', 'organ', '--json');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as ScoreJson).groups).toEqual({});
    const notes = r.err.split('\n').filter((l) => l.includes('organ'));
    expect(notes).toEqual([
      "note: no result carries the meta field 'organ'; no groups. The results carry: " +
        'answer_type, base_type, content_type, img_id, location, modality (or --by tag).',
    ]);
    expect((await score(dir, 'data', 'preds.jsonl', '--by', 'organ')).out).not.toContain('by organ');
  });

  it('--by tag on untagged results: empty groups and a note saying why', async () => {
    const r = await score(dir, 'data', 'preds.jsonl', '--by', 'tag', '--json');
    expect((JSON.parse(r.out) as ScoreJson).groups).toEqual({});
    expect(r.err).toMatch(/no result carries an understanding\/reasoning tag/);
  });

  it('without --by the JSON has no groups key', async () => {
    const r = await score(dir, 'data', 'preds.jsonl', '--json');
    expect('groups' in (JSON.parse(r.out) as ScoreJson)).toBe(false);
  });
});

describe('score --by modality on the bundled SLAKE demo slice', () => {
  it('groups every scored item under its modality, with the counts the items carry', async () => {
    const data = join(REPO_ROOT, 'static-datasets', 'slake');
    const itemsIO = captureIO(REPO_ROOT);
    expect(await main(['items', '--benchmark', 'slake', '--data', data], itemsIO)).toBe(0);
    const items = itemsIO
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; answer: string; meta: { modality: string } });
    const dir = mkdtempSync(join(tmpdir(), 'medvlm-score-by-demo-'));
    // Every item answered with option A: right exactly where the gold is A.
    writeFileSync(
      join(dir, 'preds.jsonl'),
      items.map((it) => JSON.stringify({ id: it.id, output: '\\boxed{A}' })).join('\n') + '\n',
    );
    const r = await score(dir, data, 'preds.jsonl', '--by', 'modality', '--json');
    expect(r.code).toBe(0);
    const groups = (JSON.parse(r.out) as ScoreJson).groups ?? {};
    const modalities = [...new Set(items.map((it) => it.meta.modality))].sort();
    expect(Object.keys(groups)).toEqual(modalities);
    for (const m of modalities) {
      const inGroup = items.filter((it) => it.meta.modality === m);
      expect(groups[m]?.n, m).toBe(inGroup.length);
      expect(groups[m]?.correct, m).toBe(inGroup.filter((it) => it.answer === 'A').length);
    }
  });
});

describeShared('score --by tag on the real MedXpertQA MM sample', () => {
  it('groups by the gold question_type tag', async () => {
    const data = sharedPath('medxpertqa');
    const raw = readFileSync(sharedPath('medxpertqa', 'MM', 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; label: string; question_type: string });
    const dir = mkdtempSync(join(tmpdir(), 'medvlm-score-by-tag-'));
    // The gold letter for every item: all correct, so each group's correct equals its n.
    writeFileSync(
      join(dir, 'preds.jsonl'),
      raw.map((r) => JSON.stringify({ id: r.id, output: `\\boxed{${r.label}}` })).join('\n') + '\n',
    );
    const io = captureIO(dir);
    const args = ['score', '--benchmark', 'medxpertqa', '--data', data, '--predictions', 'preds.jsonl'];
    expect(await main([...args, '--by', 'tag', '--json'], io)).toBe(0);
    const j = JSON.parse(io.out()) as ScoreJson;
    const groups = j.groups ?? {};
    expect(Object.keys(groups)).toEqual(['reasoning', 'understanding']);
    for (const tag of ['reasoning', 'understanding']) {
      const expected = raw.filter((r) => r.question_type.toLowerCase() === tag).length;
      expect(groups[tag]?.n, tag).toBe(expected);
      expect(groups[tag]?.correct, tag).toBe(expected);
    }
    expect((groups['reasoning']?.n ?? 0) + (groups['understanding']?.n ?? 0)).toBe(j.n);
  });
});
