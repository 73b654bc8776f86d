// Run refs: the one string every page names a run by (select values, compare and run-grid links, the inspector's
// run=): round trips, the data and sample in the key, old links still read, and what is not a ref.
import { describe, expect, it } from 'vitest';
import {
  dataToken,
  formatRunRef,
  inspectHref,
  parseRunRef,
  resolveRunRef,
  runRefOf,
  sampleToken,
} from '../../../../../src/app/lib/pure/run-ref';
import type { RunRef } from '../../../../../src/app/lib/pure/run-ref';

const HASH = '1a2b3c4d'.repeat(8);
const SAMPLE = 'sample n=10 seed 0 by image_organ ids 0123456789ab';
const identity = { model: 'qwen2.5-vl-7b', benchmark: 'vqa-rad', variant: 'yesno', data: HASH, sample: 'all items' };

describe('run refs', () => {
  it('carry the data hash prefix and a short sample hash, and round-trip through a link', () => {
    const ref = runRefOf('stored', identity);
    expect(formatRunRef(ref)).toBe('stored:qwen2.5-vl-7b|vqa-rad|yesno|1a2b3c4d|all');
    const sampled = runRefOf('imported', { ...identity, model: 'org|model', sample: SAMPLE }, 2);
    expect(sampled.sample).toMatch(/^[0-9a-f]{8}$/);
    expect(sampleToken(SAMPLE)).toBe(sampled.sample);
    expect(sampleToken(SAMPLE.replace('seed 0', 'seed 1'))).not.toBe(sampled.sample);
    for (const r of [ref, sampled]) expect(parseRunRef(formatRunRef(r))).toEqual(r);
    const href = inspectHref(sampled, 'q 1');
    const q = new URLSearchParams(href.split('?')[1]);
    expect(href.startsWith('#/inspect?')).toBe(true);
    expect(parseRunRef(q.get('run'))).toEqual(sampled);
    expect(q.get('item')).toBe('q 1');
    expect(inspectHref(formatRunRef(ref))).toBe(inspectHref(ref));
  });

  it('shorten what stands in for a data hash to a URL-safe token', () => {
    expect(dataToken(HASH)).toBe('1a2b3c4d');
    expect(dataToken('unknown')).toBe('unknown');
    expect(dataToken('sha256:Data Files!')).toBe('sha256-data-file');
    expect(dataToken('')).toBe('none');
  });

  it('read the two older forms, without data and sample', () => {
    const old = {
      origin: 'imported',
      model: 'org|model',
      benchmark: 'vqa-rad',
      variant: 'yesno',
      data: null,
      sample: null,
    };
    expect(parseRunRef('imported|org|model|vqa-rad|yesno')).toEqual({ ...old, copy: 1 });
    expect(parseRunRef('imported:org|model|vqa-rad|yesno#3')).toEqual({ ...old, copy: 3 });
  });

  it('resolve exactly, or an old ref to the n-th run of its model × benchmark × variant', () => {
    const opt = (ref: RunRef) => ({ ref });
    const first = opt(runRefOf('stored', identity));
    const other = opt(runRefOf('stored', { ...identity, data: 'f'.repeat(64) }));
    const sampled = opt(runRefOf('stored', { ...identity, sample: SAMPLE }));
    const list = [first, other, sampled];
    for (const o of list) expect(resolveRunRef(list, formatRunRef(o.ref))).toBe(o);
    expect(resolveRunRef(list, 'stored|qwen2.5-vl-7b|vqa-rad|yesno')).toBe(first);
    expect(resolveRunRef(list, 'stored:qwen2.5-vl-7b|vqa-rad|yesno#2')).toBe(other);
    expect(resolveRunRef(list, 'stored:qwen2.5-vl-7b|vqa-rad|yesno|00000000|all')).toBeNull();
    expect(resolveRunRef(list, 'imported|qwen2.5-vl-7b|vqa-rad|yesno')).toBeNull();
  });

  it('reject what is not a ref', () => {
    for (const bad of [null, '', 'stored|a|b', 'other|m|b|v', 'stored||b|v', 'stored:|b|v', 'stored:a|b']) {
      expect(parseRunRef(bad)).toBeNull();
    }
  });
});
