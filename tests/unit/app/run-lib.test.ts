// The Run page's pure helpers: the HTTP/1.1 connection-cap note, run plans (user models by URL or repo id),
// cache grouping by model, and per-item tracking by item id.
import { describe, expect, it } from 'vitest';
import { describeConnectionCap } from '../../../src/app/lib/pure/connection-note';
import { formatTimestamp } from '../../../src/app/lib/pure/format';
import { phaseText } from '../../../src/app/lib/pure/phase-text';
import { modelOfUrl } from '../../../src/app/lib/pure/cached-models';
import { buildRunPlan, localPathOf } from '../../../src/app/lib/pure/run-plan';
import { RunTracker } from '../../../src/app/lib/pure/run-tracker';
import { makeUserModel } from '../../../src/app/lib/pure/user-model';
import { setupChoice } from './setup-choice';
import { isEvalError } from '../../../src/core/errors';
import { toItemResult } from '../../../src/core/score';
import type { Item } from '../../../src/core/types';

describe('describeConnectionCap', () => {
  it('caps plain-http origins at 6 connections each', () => {
    const one = describeConnectionCap(['http://gpu:8000/v1'], 32);
    expect(one).toMatchObject({ capped: true, effectiveInFlight: 6, http1Origins: ['http://gpu:8000'] });
    expect(one.message).toContain('at most 6 requests');
    expect(one.message).toContain('HTTP/2');
    // two servers on two origins: 12 at most; two paths on one origin share its 6
    expect(describeConnectionCap(['http://a:8000', 'http://b:8000'], 32).effectiveInFlight).toBe(12);
    expect(describeConnectionCap(['http://a:8000/x/v1', 'http://a:8000/y/v1'], 32).effectiveInFlight).toBe(6);
  });

  it('says nothing at or under the cap, and only hedges for https of unknown protocol', () => {
    expect(describeConnectionCap(['http://gpu:8000'], 6)).toMatchObject({ capped: false, message: '' });
    const tls = describeConnectionCap(['https://gpu.example.org/v1'], 64);
    expect(tls.capped).toBe(false);
    expect(tls.message).toContain('HTTP/2');
    expect(describeConnectionCap(['https://gpu.example.org/v1'], 64, { 'https://gpu.example.org': 'h2' }).message).toBe(
      '',
    );
    expect(
      describeConnectionCap(['https://gpu.example.org/v1'], 64, { 'https://gpu.example.org': 'http/1.1' })
        .effectiveInFlight,
    ).toBe(6);
  });
});

describe('user models and run plans', () => {
  const choice = setupChoice;

  it('serves a base-URL export from its folder, with a scheme-relative prefix and no Hub', () => {
    const m = makeUserModel('http://127.0.0.1:9000/models/tiny-vl/', 'fp32 q4');
    expect(m).toEqual({
      id: 'user-tiny-vl',
      label: 'tiny-vl',
      kind: 'url',
      location: 'http://127.0.0.1:9000/models/tiny-vl',
      dtypes: ['fp32', 'q4'],
    });
    const plan = buildRunPlan(choice({ browserModel: m.id, device: 'wasm' }), [m], false);
    expect(plan.local).toEqual({
      engine: 'transformers',
      model: 'tiny-vl',
      localModelPath: 'http://127.0.0.1:9000/models/',
      allowRemoteModels: false,
      dtypes: ['fp32', 'q4'],
      device: 'wasm',
    });
    expect(plan).toMatchObject({ modelId: 'user-tiny-vl', backendModel: 'http://127.0.0.1:9000/models/tiny-vl' });
    expect(localPathOf('http://h:1/models/', 'http:')).toBe('//h:1/models/');
    expect(localPathOf('https://h/models/', 'http:')).toBe('https://h/models/');
  });

  it('takes repo ids through the registry rules and refuses bad input with what to do', () => {
    expect(makeUserModel('onnx-community/Some-VL-ONNX', '')).toMatchObject({
      id: 'user-onnx-community--some-vl-onnx',
      kind: 'repo',
      dtypes: ['fp32'],
    });
    for (const [where, dtypes, id] of [
      ['not a repo', 'fp32', ''],
      ['owner/name', 'fp64', ''],
      ['owner/name', 'fp32', 'qwen2.5-vl-7b'],
      ['http://host/', 'fp32', ''],
    ]) {
      let error: unknown = null;
      try {
        makeUserModel(where ?? '', dtypes ?? '', id ?? '');
      } catch (e) {
        error = e;
      }
      expect(isEvalError(error), `${where} ${dtypes} ${id}`).toBe(true);
    }
  });

  it('plans a remote run under the registry id, or under the served name', () => {
    const plan = buildRunPlan(choice({ target: 'remote' }), [], false);
    expect(plan).toMatchObject({
      modelId: 'qwen2.5-vl-72b',
      backendModel: 'Qwen/Qwen2.5-VL-72B-Instruct',
      remote: { concurrency: 8 },
    });
    expect(JSON.stringify(plan)).not.toMatch(/key/i);
    expect(buildRunPlan(choice({ target: 'remote', remoteModel: '' }), [], false).modelId).toBe(
      'Qwen/Qwen2.5-VL-72B-Instruct',
    );
    expect(() => buildRunPlan(choice({ target: 'remote', benchmarks: [] }), [], false)).toThrow(/benchmark/);
    expect(() =>
      buildRunPlan(choice({ target: 'remote', remote: { endpoints: [], servedName: 'x', concurrency: 1 } }), [], false),
    ).toThrow(/base URL/);
  });
});

describe('modelOfUrl', () => {
  it('groups Hub files by repo and served files by export folder', () => {
    expect(
      modelOfUrl(
        'https://huggingface.co/onnx-community/Qwen2.5-VL-3B-Instruct-ONNX/resolve/main/onnx/vision_encoder_q4f16.onnx',
      ),
    ).toBe('onnx-community/Qwen2.5-VL-3B-Instruct-ONNX');
    expect(modelOfUrl('http://127.0.0.1:9000/models/tiny/onnx/embed_tokens.onnx')).toBe(
      'http://127.0.0.1:9000/models/tiny',
    );
    expect(modelOfUrl('http://127.0.0.1:9000/models/tiny/config.json')).toBe('http://127.0.0.1:9000/models/tiny');
  });
});

describe('RunTracker', () => {
  const item = (id: string, question: string): Item =>
    ({
      id,
      benchmark: 'vqa-rad',
      variant: 'yesno',
      question,
      options: [
        { letter: 'A', text: 'yes' },
        { letter: 'B', text: 'no' },
      ],
      answer: 'A',
      images: [],
      tag: null,
      tagSource: null,
      meta: {},
    }) as unknown as Item;

  it('follows generations by item id (repeated questions stay apart), watches one at a time, and counts results', () => {
    const items = [item('1', 'Is it?'), item('2', 'Is it?'), item('3', 'Other?')];
    const t = new RunTracker([{ entry: 'vqa-rad', benchmark: 'vqa-rad', title: 'VQA-RAD', variant: 'yesno', items }]);
    t.opened(0, [toItemResult(items[2] as Item, '\\boxed{B}', { model: 'm', mode: 'paper' })]);
    const one = { benchmark: 'vqa-rad', id: '1', run: 0 } as const;
    const two = { benchmark: 'vqa-rad', id: '2', run: 0 } as const;
    expect(t.started(one)).toBe(true);
    // running too, but the first item's output is still being watched
    expect(t.started(two)).toBe(false);
    expect(t.started({ benchmark: 'slake', id: '1', run: 1 })).toBe(false);
    t.token(one, 'It is ');
    t.token(two, 'not watched');
    t.token(one, '\\boxed{A}');
    expect(t.watched()).toEqual({
      run: 0,
      benchmark: 'vqa-rad',
      id: '1',
      question: 'Is it?',
      text: 'It is \\boxed{A}',
      done: false,
    });
    t.ended(one);
    expect(t.watched()?.done).toBe(true);
    expect(t.views()[0]?.items.map((i) => i.status)).toEqual(['running', 'running', 'wrong']);
    t.stored(toItemResult(items[0] as Item, '\\boxed{A}', { model: 'm', mode: 'paper' }), 0);
    t.settle();
    const [view] = t.views();
    expect(view?.items.map((i) => i.status)).toEqual(['correct', 'pending', 'wrong']);
    expect(view).toMatchObject({ total: 3, answered: 2, correct: 1, accuracy: 0.5 });
  });
});

describe('RunTracker with two runs of one benchmark', () => {
  it('keeps them apart by run, though their item ids are the same (a demo slice and its full release)', () => {
    const item = (id: string): Item =>
      ({
        id,
        benchmark: 'vqa-rad',
        variant: 'yesno',
        question: `q${id}`,
        options: [
          { letter: 'A', text: 'yes' },
          { letter: 'B', text: 'no' },
        ],
        answer: 'A',
        images: [],
        tag: null,
        tagSource: null,
        meta: {},
      }) as unknown as Item;
    const demo = [item('1'), item('2')];
    const full = [item('1'), item('2'), item('3')];
    const t = new RunTracker([
      { entry: 'vqa-rad', benchmark: 'vqa-rad', title: 'VQA-RAD', variant: 'yesno', items: demo },
      {
        entry: 'loaded:vqa-rad:yesno:url:u',
        benchmark: 'vqa-rad',
        title: 'VQA-RAD · loaded',
        variant: 'yesno',
        items: full,
      },
    ]);
    t.opened(1, [toItemResult(full[0] as Item, '\\boxed{A}', { model: 'm', mode: 'paper' })]);
    expect(t.started({ benchmark: 'vqa-rad', id: '2', run: 1 })).toBe(true);
    t.ended({ benchmark: 'vqa-rad', id: '2', run: 0 });
    expect(t.watched()).toMatchObject({ run: 1, id: '2', done: false });
    const [a, b] = t.views();
    expect(a?.items.map((i) => i.status)).toEqual(['pending', 'pending']);
    expect(b?.items.map((i) => i.status)).toEqual(['correct', 'running', 'pending']);
    expect([a?.run, a?.entry, b?.run, b?.entry]).toEqual([0, 'vqa-rad', 1, 'loaded:vqa-rad:yesno:url:u']);
  });
});

describe('formatTimestamp', () => {
  it('prints local date and time to the minute, and a dash for an invalid time', () => {
    const t = new Date(2026, 10, 7, 9, 5, 59).getTime();
    expect(formatTimestamp(t)).toBe('2026-11-07 09:05');
    expect(formatTimestamp(new Date(t).toISOString())).toBe('2026-11-07 09:05');
    expect(formatTimestamp(Number.NaN)).toBe('—');
    expect(formatTimestamp('not a date')).toBe('—');
  });
});

describe('phaseText', () => {
  it('names each phase, and pause or cancel while running', () => {
    expect(phaseText('idle', 'running')).toBe('Not started');
    expect(phaseText('loading-model', 'running')).toBe('Loading the model…');
    expect(phaseText('running', 'running')).toBe('Running');
    expect(phaseText('running', 'paused')).toBe('Paused (items in flight finish first)');
    expect(phaseText('running', 'cancelled')).toBe('Cancelling…');
    expect(phaseText('completed', 'cancelled')).toBe('Completed');
    expect(phaseText('something-new', 'running')).toBe('something-new');
  });
});
