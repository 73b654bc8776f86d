// Workshop links to the Run page: what `#/run?benchmark=…&model=…` preselects, and what it names that is not offered.
import { describe, expect, it } from 'vitest';
import { linkChoice } from '../../../src/app/lib/pure/run-link';
import { BROWSER_MODELS } from '../../../src/app/lib/pure/run-plan';

const ctx = { benchmarks: ['vqa-rad', 'slake', 'pathvqa'], userModels: ['user:tiny'] };
const q = (s: string) => new URLSearchParams(s);

describe('run links', () => {
  it('preselects benchmarks given comma-separated or repeated, in order, without duplicates', () => {
    expect(linkChoice(q('benchmark=slake,vqa-rad'), ctx)).toEqual({ benchmarks: ['slake', 'vqa-rad'], unknown: [] });
    expect(linkChoice(q('benchmark=slake&benchmark=pathvqa,slake'), ctx).benchmarks).toEqual(['slake', 'pathvqa']);
  });

  it('picks a model with a web export or a user model for the browser, any other registry model for a server', () => {
    const web = BROWSER_MODELS[0]?.id ?? '';
    expect(web).not.toBe('');
    expect(linkChoice(q(`model=${web}`), ctx).model).toEqual({ target: 'browser', id: web });
    expect(linkChoice(q('model=user:tiny'), ctx).model).toEqual({ target: 'browser', id: 'user:tiny' });
    expect(linkChoice(q('model=qwen2.5-vl-72b&benchmark=vqa-rad'), ctx)).toEqual({
      benchmarks: ['vqa-rad'],
      model: { target: 'remote', id: 'qwen2.5-vl-72b' },
      unknown: [],
    });
  });

  it('names what it does not know and changes nothing for it; a link without keys preselects nothing', () => {
    expect(linkChoice(q('benchmark=nope,slake&model=gpt-9'), ctx)).toEqual({
      benchmarks: ['slake'],
      unknown: ['nope', 'gpt-9'],
    });
    expect(linkChoice(q('benchmark=nope'), ctx)).toEqual({ unknown: ['nope'] });
    expect(linkChoice(q('data=https://x/y.zip'), ctx)).toEqual({ unknown: [] });
  });

  it('with data=, ticks the dataset the link loaded in place of its benchmark, and nothing when that load failed', () => {
    const entry = 'loaded:vqa-rad:yesno:url:https://x/y.zip';
    const link = q(`data=${encodeURIComponent('https://x/y.zip')}&benchmark=vqa-rad&model=qwen2.5-vl-72b`);
    expect(linkChoice(link, { ...ctx, dataEntry: entry })).toEqual({
      benchmarks: [entry],
      model: { target: 'remote', id: 'qwen2.5-vl-72b' },
      unknown: [],
    });
    // the demo slice of the same benchmark never stands in for data that did not load
    expect(linkChoice(link, { ...ctx, dataEntry: null }).benchmarks).toBeUndefined();
  });
});
