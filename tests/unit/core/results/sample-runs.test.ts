// Samples in the results format: the manifest carries them through serialize/parse, old files without one still
// read, a resume refuses another sample, and merging never pools two samples or a sample with a full run.
import { describe, expect, it } from 'vitest';
import { mergeRunsReport, parseResultsJsonl, serializeManifest, serializeResult } from '../../../../src/core/results';
import type { ResultRun } from '../../../../src/core/results';
import { manifestMismatches } from '../../../../src/core/run';
import type { SampleInfo } from '../../../../src/core/types';
import { manifest, result } from './make-results';

const SAMPLE: SampleInfo = {
  seed: 0,
  size: '10',
  strata: ['image_organ', 'question_type'],
  n: 10,
  population: 251,
  itemIdsHash: 'a'.repeat(64),
};
const OTHER_SAMPLE: SampleInfo = { ...SAMPLE, seed: 1, itemIdsHash: 'b'.repeat(64) };

const run = (sample: SampleInfo | undefined, ids: string[]): ResultRun => ({
  manifest: manifest(sample === undefined ? {} : { sample }),
  results: ids.map((id) => result(id)),
});

describe('a sample in the results manifest', () => {
  it('round-trips through serialize and parse', () => {
    const m = manifest({ sample: SAMPLE });
    const text = serializeManifest(m) + serializeResult(result('1'));
    expect(text.split('\n')[0]).toContain(
      `"sample":{"seed":0,"size":"10","strata":["image_organ","question_type"],"n":10,"population":251,"itemIdsHash":"${'a'.repeat(64)}"}`,
    );
    const parsed = parseResultsJsonl(text, 'x.jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.runs[0]?.manifest.sample).toEqual(SAMPLE);
    expect(
      parseResultsJsonl(serializeManifest({ ...m, sample: { ...SAMPLE, size: '5%' } }), 'p.jsonl').problems,
    ).toEqual([]);
  });

  it('reads files written before samples existed (no sample field) as full runs', () => {
    const old =
      '{"type":"manifest","formatVersion":1,"appVersion":"0.1.0","benchmark":"vqa-rad","benchmarkVersion":"1","variant":"yesno","model":"m","backend":"openai","backendModel":"M","promptVersion":"p","extractorVersion":"e","dataHash":"d","itemIdsHash":"i","generation":{"maxNewTokens":2048,"temperature":0},"createdAt":"2025-01-01T00:00:00.000Z"}\n';
    const parsed = parseResultsJsonl(old, 'old.jsonl');
    expect(parsed.problems).toEqual([]);
    expect(parsed.runs[0]?.manifest.sample).toBeUndefined();
  });

  it('rejects a malformed sample with the field named', () => {
    const bad = JSON.stringify({ ...manifest(), sample: { ...SAMPLE, n: 0 } }) + '\n';
    const parsed = parseResultsJsonl(bad, 'bad.jsonl');
    expect(parsed.runs).toEqual([]);
    expect(parsed.problems[0]?.message).toContain('sample.n');
  });

  it('makes a resume with another sample (or none) a mismatch', () => {
    const base = manifest({ sample: SAMPLE });
    expect(manifestMismatches(base, { ...base })).toEqual([]);
    expect(manifestMismatches(base, { ...base, sample: OTHER_SAMPLE }).join()).toMatch(/^sample: stored /);
    const { sample: _dropped, ...full } = base;
    expect(manifestMismatches(base, full).join()).toContain('now "all items"');
  });
});

describe('merging samples', () => {
  it('keeps a sample and a full run apart and says why', () => {
    const report = mergeRunsReport([run(undefined, ['1', '2', '3']), run(SAMPLE, ['1'])]);
    expect(report.runs).toHaveLength(2);
    expect(report.runs.map((r) => r.results.length).sort()).toEqual([1, 3]);
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatch(/differ in sample \(all items vs sample n=10 seed 0 .*\) — kept apart/);
    expect(report.conflicts[0]).toContain('never pooled with another sample or a full run');
  });

  it('keeps two different samples apart with a note, and merges two files of the same sample', () => {
    const apart = mergeRunsReport([run(SAMPLE, ['1', '2']), run(OTHER_SAMPLE, ['3', '4'])]);
    expect(apart.runs).toHaveLength(2);
    expect(apart.conflicts[0]).toMatch(/sample n=10 seed 0 .* vs sample n=10 seed 1 /);
    const same = mergeRunsReport([run(SAMPLE, ['1', '2']), run(SAMPLE, ['2', '3'])]);
    expect(same.runs).toHaveLength(1);
    expect(same.conflicts).toEqual([]);
    expect(same.runs[0]?.manifest.sample).toEqual(SAMPLE);
    expect(same.runs[0]?.results.map((r) => r.id)).toEqual(['1', '2', '3']);
  });
});
