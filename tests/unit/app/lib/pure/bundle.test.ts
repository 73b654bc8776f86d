import { unzipSync, strFromU8, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, unpackBundles } from '../../../../../src/app/lib/pure/bundle';
import { mergeRunsReport, parseResultsJsonl } from '../../../../../src/core/results';
import { manifest, syntheticRun } from '../../../core/results/make-results';

const a = syntheticRun('qwen2.5-vl-3b', 'vqa-rad', 30, 1, { pCorrect: 0.5 });
const b = syntheticRun('lingshu-7b', 'slake', 20, 2, { pCorrect: 0.75 });
const AT = '2026-12-06T08:00:00.000Z';

describe('result bundles', () => {
  it('zips one results file per run and a summary, and the files parse back to the same runs', () => {
    const files = unzipSync(buildBundle([a, b], AT));
    expect(Object.keys(files).sort()).toEqual([
      'SUMMARY.md',
      'lingshu-7b-slake-default-openai.jsonl',
      'qwen2.5-vl-3b-vqa-rad-default-openai.jsonl',
    ]);
    const back = parseResultsJsonl(
      strFromU8(files['qwen2.5-vl-3b-vqa-rad-default-openai.jsonl'] ?? new Uint8Array()),
      'x',
    );
    expect(back.problems).toEqual([]);
    expect(back.runs).toEqual([a]);
    const summary = strFromU8(files['SUMMARY.md'] ?? new Uint8Array());
    const acc = (b.results.filter((r) => r.correct).length / 20).toFixed(4);
    expect(summary).toContain(
      `| lingshu-7b-slake-default-openai.jsonl | Lingshu-7B | slake | default | openai | 20 | ${acc} | 0 |`,
    );
  });

  it('unpacks many participants’ bundles under their own names, loose files too, and says what it skipped', () => {
    const p1 = buildBundle([a], AT);
    const p2 = buildBundle([a], AT); // the same inner file name in another participant's bundle
    const loose = strToU8(`${JSON.stringify(b.manifest)}\n`);
    const empty = zipSync({ 'notes.txt': strToU8('hi') });
    const out = unpackBundles([
      { name: 'alice.zip', bytes: p1 },
      { name: 'bob.zip', bytes: p2 },
      { name: 'carol/lingshu.jsonl', bytes: loose },
      { name: 'dave.zip', bytes: empty },
      { name: 'photo.png', bytes: new Uint8Array([1, 2, 3]) },
      { name: 'alice/SUMMARY.md', bytes: strToU8('x') },
    ]);
    expect(out.texts.map((t) => t.name)).toEqual([
      'alice.zip/qwen2.5-vl-3b-vqa-rad-default-openai.jsonl',
      'bob.zip/qwen2.5-vl-3b-vqa-rad-default-openai.jsonl',
      'carol/lingshu.jsonl',
    ]);
    expect(out.skipped).toEqual([
      'dave.zip: a zip with no .jsonl results file inside',
      'photo.png: neither a bundle (.zip) nor a results file (.jsonl); left out',
    ]);
  });

  it('merged, two participants with different prompt versions stay apart and the conflict says why', () => {
    const other = { ...a, manifest: manifest({ ...a.manifest, promptVersion: 'p2' }) };
    const texts = unpackBundles([
      { name: 'alice.zip', bytes: buildBundle([a], AT) },
      { name: 'bob.zip', bytes: buildBundle([other], AT) },
    ]).texts;
    const runs = texts.flatMap((t) => parseResultsJsonl(t.text, t.name).runs);
    const merged = mergeRunsReport(runs);
    expect(merged.runs).toHaveLength(2);
    expect(merged.conflicts).toEqual([
      'qwen2.5-vl-3b / vqa-rad / default: runs differ in promptVersion p1 vs p2 — kept apart (re-run or re-score one of them)',
    ]);
  });
});
