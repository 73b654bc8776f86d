// The Classifier page's pure parts: what the gme worker is told to load for a repo id or an export URL, one tags
// file per benchmark when a demo slice and a loaded release are both tagged, shares, and the inspector link.
import { describe, expect, it } from 'vitest';
import { gmeWorkerTarget, inspectHref, mergeTags, tagShares } from '../../../../../src/app/lib/pure/classifier-view';
import type { TagLine } from '../../../../../src/core/classify';
import { shippedTextClassifier } from '../../../../../src/core/classify/shipped';

const line = (id: string, tag: TagLine['tag'], source: TagLine['source'] = 'text'): TagLine => ({
  id,
  tag,
  score: tag === 'reasoning' ? 0.9 : 0.1,
  classifier: 'c',
  source,
  hash: '0'.repeat(64),
});

describe('gmeWorkerTarget', () => {
  it('loads a Hub repo id from the Hub', () => {
    expect(gmeWorkerTarget(' org/gme-web ')).toEqual({
      model: 'org/gme-web',
      allowRemoteModels: true,
      name: 'org/gme-web',
    });
  });

  it('loads an export folder by URL from that host only (scheme-relative on the same scheme)', () => {
    expect(gmeWorkerTarget('https://host.example/models/gme-2b-web/', 'https:')).toEqual({
      model: 'gme-2b-web',
      localModelPath: '//host.example/models/',
      allowRemoteModels: false,
      name: 'https://host.example/models/gme-2b-web',
    });
    expect(gmeWorkerTarget('http://127.0.0.1:9000/gme/config.json', 'https:')).toMatchObject({
      model: 'gme',
      localModelPath: 'http://127.0.0.1:9000/',
    });
  });

  it('says what to give for an empty or malformed location', () => {
    expect(() => gmeWorkerTarget('')).toThrow(/Hub repo id or the URL of its folder/);
    expect(() => gmeWorkerTarget('not a repo')).toThrow(/neither a Hub repo id/);
    expect(() => gmeWorkerTarget('https://host.example/')).toThrow(/must name the export's folder/);
  });
});

describe('mergeTags and tagShares', () => {
  it('gives one file per benchmark, items merged by id, and the share tagged reasoning', () => {
    const c = shippedTextClassifier();
    const files = mergeTags(
      [
        { benchmark: 'vqa-rad', variant: 'demo', tags: [line('a', 'reasoning'), line('b', 'understanding')] },
        { benchmark: 'slake', variant: 'default', tags: [line('s', 'understanding')] },
        { benchmark: 'vqa-rad', variant: 'default', tags: [line('b', 'understanding'), line('c', 'reasoning')] },
        { benchmark: 'medxpertqa', variant: 'mm', tags: [line('m', 'reasoning', 'gold')] },
      ],
      c,
    );
    expect(files.map((f) => [f.header.benchmark, f.header.variant, f.tags.map((t) => t.id)])).toEqual([
      ['vqa-rad', 'demo+default', ['a', 'b', 'c']],
      ['slake', 'default', ['s']],
      ['medxpertqa', 'mm', ['m']],
    ]);
    expect(files[0]?.header.classifier.id).toBe(c.id);
    expect(tagShares(files)).toEqual([
      { benchmark: 'vqa-rad', n: 3, reasoning: 2, gold: 0, share: 2 / 3 },
      { benchmark: 'slake', n: 1, reasoning: 0, gold: 0, share: 0 },
      { benchmark: 'medxpertqa', n: 1, reasoning: 1, gold: 1, share: 1 },
    ]);
  });
});

describe('inspectHref', () => {
  it('links to the inspector filtered by benchmark and tag', () => {
    expect(inspectHref('vqa-rad', 'reasoning')).toBe('#/inspect?benchmark=vqa-rad&tag=reasoning');
  });
});
