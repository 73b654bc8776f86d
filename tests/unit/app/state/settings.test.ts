// The Run and Tables pages' settings state in Node: server settings and the connection test, the run setup and the
// plan it makes, user models, imported files and the model cache, over in-memory storage and fake platform calls.
import { describe, expect, it } from 'vitest';
import type { CheckOptions, EndpointCheck } from '../../../../src/backends/openai';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import type { RunPlan } from '../../../../src/app/lib/pure/run-plan';
import { Imports } from '../../../../src/app/state/imports.svelte';
import { ModelCache } from '../../../../src/app/state/model-cache.svelte';
import { RemoteConfig } from '../../../../src/app/state/remote-config.svelte';
import type { RemoteConfigDeps } from '../../../../src/app/state/remote-config.svelte';
import { RunSetup } from '../../../../src/app/state/run-setup.svelte';
import { UserModels, makeUserModel } from '../../../../src/app/state/user-models.svelte';
import { serializeManifest, serializeResult } from '../../../../src/core/results';
import { toItemResult } from '../../../../src/core/score';
import { makeItems, makeManifest } from '../../core/run/fixtures';

function remote(over: Partial<RemoteConfigDeps> = {}) {
  const local = createMemoryKeyValue();
  const session = createMemoryKeyValue();
  const asked: [readonly string[], CheckOptions][] = [];
  const config = new RemoteConfig({
    local,
    session,
    check: async (urls, options) => {
      asked.push([urls, options]);
      return urls.map((url): EndpointCheck => ({
        url,
        ok: true,
        problem: null,
        message: `${url} ok`,
        models: ['m'],
        maxModelLen: null,
      }));
    },
    protocolOf: (url) => (url.startsWith('https://a') ? 'h2' : ''),
    pageOrigin: 'http://127.0.0.1:4173',
    ...over,
  });
  return { config, local, session, asked };
}

describe('RemoteConfig', () => {
  it('keeps the key for the tab unless remembered, and never with the settings', () => {
    const { config, local, session } = remote();
    config.endpointsText = 'http://gpu:8000/v1\nhttp://gpu2:8000/v1';
    config.servedName = 'm';
    config.apiKey = 'sk-secret';
    config.save();
    expect(local.read('medvlm-bench:remote:v1')).toEqual({
      endpointsText: 'http://gpu:8000/v1\nhttp://gpu2:8000/v1',
      servedName: 'm',
      concurrency: 6,
    });
    expect(session.read('medvlm-bench:api-key')).toBe('sk-secret');
    expect(local.read('medvlm-bench:api-key')).toBeUndefined();
    config.rememberKey = true;
    config.save();
    expect(local.read('medvlm-bench:api-key')).toBe('sk-secret');
    expect(session.read('medvlm-bench:api-key')).toBeUndefined();
    // a new tab reads it all back
    const again = new RemoteConfig({ local, session, check: async () => [], protocolOf: () => '' });
    expect(again).toMatchObject({ endpoints: ['http://gpu:8000/v1', 'http://gpu2:8000/v1'], apiKey: 'sk-secret' });
    expect(again.rememberKey).toBe(true);
  });

  it('tests the connection with the saved settings and notes the protocol each origin answered with', async () => {
    const { config, asked, local } = remote();
    config.endpointsText = 'https://a.example/v1/ http://b:8000/v1';
    config.servedName = ' m ';
    config.concurrency = 32;
    config.apiKey = 'sk-1';
    expect(config.connectionNote.message).toContain('offers HTTP/2');
    await config.testConnection();
    expect(asked).toEqual([
      [
        ['https://a.example/v1', 'http://b:8000/v1'],
        { model: 'm', pageOrigin: 'http://127.0.0.1:4173', apiKey: 'sk-1' },
      ],
    ]);
    expect(local.read('medvlm-bench:remote:v1')).toMatchObject({ concurrency: 32 });
    expect(config.checks.map((c) => c.ok)).toEqual([true, true]);
    expect(config.protocols).toEqual({ 'https://a.example': 'h2' });
    // h2 on the https origin: nothing caps the requests in flight, and the note no longer hedges
    expect(config.connectionNote).toMatchObject({ capped: false, unknownOrigins: [], message: '' });
    config.clearChecks();
    expect(config.checks).toEqual([]);

    const failing = remote({ check: () => Promise.reject(new Error('offline')) }).config;
    await failing.testConnection();
    expect(failing).toMatchObject({ checking: false, checkError: 'offline', checks: [] });
  });
});

describe('RunSetup', () => {
  const setup = (probe: () => Promise<boolean>) => {
    const storage = createMemoryKeyValue();
    const users = new UserModels(createMemoryKeyValue());
    const previews: RunPlan[] = [];
    let probes = 0;
    const s = new RunSetup({
      storage,
      remote: remote().config,
      users,
      hasShaderF16: () => ((probes += 1), probe()),
      backends: {
        preview: async (plan) => (previews.push(plan), { device: 'wasm', dtype: 'fp32', reason: 'r', fellBack: false }),
      },
    });
    return { s, storage, users, previews, probes: () => probes };
  };

  it('plans a run with the saved choices, asking the GPU only for a build that depends on shader-f16', async () => {
    const { s, storage, probes } = setup(async () => true);
    s.browserModel = 'qwen2.5-vl-3b';
    s.benchmarks = ['slake'];
    const plan = await s.planRun();
    expect(plan).toMatchObject({ target: 'browser', modelId: 'qwen2.5-vl-3b', benchmarks: ['slake'] });
    expect(probes()).toBe(0);
    expect(storage.read('medvlm-bench:run-setup:v1')).toMatchObject({ browserModel: 'qwen2.5-vl-3b' });

    s.browserModel = 'phi-3.5-vision';
    expect((await s.planRun()).local).toMatchObject({ engine: 'webllm', dtypes: ['q4f16_1'] });
    expect(probes()).toBe(1);
  });

  it('previews the device and weights of a browser model through the backend factory, and of nothing else', async () => {
    const { s, users, previews } = setup(async () => false);
    const tiny = makeUserModel('http://127.0.0.1:9000/models/tiny-vl/', 'fp32');
    users.add(tiny);
    s.browserModel = tiny.id;
    s.device = 'wasm';
    expect(await s.previewRuntime()).toMatchObject({ device: 'wasm' });
    expect(previews.map((p) => p.local?.model)).toEqual(['tiny-vl']);
    s.benchmarks = [];
    expect(await s.previewRuntime()).toBeNull();
    s.target = 'remote';
    expect(await s.previewRuntime()).toBeNull();
    expect(previews).toHaveLength(1);
  });
});

describe('UserModels', () => {
  it('persists added and removed models, replacing one with the same id', () => {
    const kv = createMemoryKeyValue();
    const users = new UserModels(kv);
    const a = makeUserModel('http://h/models/a-vl', 'fp32');
    users.add(a);
    users.add({ ...a, label: 'renamed' });
    users.add(makeUserModel('http://h/models/b-vl', 'q4'));
    expect(new UserModels(kv).list.map((m) => m.label)).toEqual(['renamed', 'b-vl']);
    users.remove(a.id);
    expect(new UserModels(kv).list.map((m) => m.id)).toEqual(['user-b-vl']);
  });
});

describe('Imports', () => {
  const file = (name: string, model: string, n: number) => {
    const manifest = makeManifest({ model });
    const text =
      serializeManifest(manifest) +
      makeItems(n)
        .map((i) => serializeResult(toItemResult(i, '\\boxed{A}', { model, mode: 'paper' })))
        .join('');
    return { name, text: async () => text };
  };

  it('parses, merges and saves imported files; a file of the same name replaces the earlier one', async () => {
    const kv = createMemoryKeyValue();
    const imports = new Imports(kv);
    await imports.add([file('a.jsonl', 'model-a', 3), file('b.jsonl', 'model-b', 2)]);
    await imports.add([file('a.jsonl', 'model-a', 4)]);
    expect(imports.files.map((f) => [f.name, f.results])).toEqual([
      ['b.jsonl', 2],
      ['a.jsonl', 4],
    ]);
    expect(imports.runs.map((r) => r.manifest.model).sort()).toEqual(['model-a', 'model-b']);
    expect(imports.persistence).toBe('saved');
    expect(new Imports(kv).files.map((f) => f.name)).toEqual(['b.jsonl', 'a.jsonl']);
    imports.remove('b.jsonl');
    imports.clear();
    expect(imports.persistence).toBe('none');
    expect(kv.entries.size).toBe(0);
  });

  it('keeps files too large to save, or with no storage, in memory for the tab', async () => {
    const kv = createMemoryKeyValue();
    const big = new Imports(kv);
    await big.add([file('big.jsonl', 'model-a', 6000)]);
    expect(big.persistence).toBe('memory-only');
    expect(kv.entries.size).toBe(0);
    const none = new Imports(null);
    await none.add([file('a.jsonl', 'model-a', 1)]);
    expect(none).toMatchObject({ persistence: 'memory-only', files: [{ name: 'a.jsonl', results: 1 }] });
  });
});

describe('ModelCache', () => {
  it('lists cached models with the quota, deletes one, and reports a failure', async () => {
    let models = [
      { model: 'o/a', files: [{ url: 'u1', bytes: 10 }], bytes: 10 },
      { model: 'o/b', files: [{ url: 'u2', bytes: 5 }], bytes: 5 },
    ];
    const cache = new ModelCache({
      list: async () => models,
      remove: async (m) => {
        if (m === 'locked') throw new Error('in use');
        models = models.filter((x) => x.model !== m);
      },
      estimate: async () => ({ usage: 15, quota: 100 }),
    });
    await cache.refresh();
    expect(cache).toMatchObject({ loaded: true, busy: false, totalBytes: 15, usage: { usage: 15, quota: 100 } });
    await cache.remove('o/a');
    expect(cache.models.map((m) => m.model)).toEqual(['o/b']);
    await cache.remove('locked');
    expect(cache.error).toBeNull(); // the refresh after a failed delete succeeds and clears it, as the list shows
    expect(cache.models).toHaveLength(1);
  });
});

describe('RunSetup: plans of several models, and links', () => {
  const make = (storage = createMemoryKeyValue()) => {
    const r = remote();
    const s = new RunSetup({
      storage,
      remote: r.config,
      users: new UserModels(createMemoryKeyValue()),
      hasShaderF16: async () => false,
      backends: { preview: async () => null },
    });
    return { s, config: r.config, storage };
  };

  it('adds models to the plan; the plan runs them and the current choice on the benchmarks chosen last', async () => {
    const { s, config, storage } = make();
    s.target = 'remote';
    s.remoteModel = '';
    config.servedName = 'served-a';
    await s.addToPlan();
    config.servedName = 'served-b';
    await s.addToPlan();
    await s.addToPlan(); // the same model again is one part
    s.target = 'browser';
    s.browserModel = 'qwen2.5-vl-3b';
    s.benchmarks = ['vqa-rad', 'slake'];
    const set = await s.planSet();
    expect(set.models.map((m) => [m.target, m.modelId, m.benchmarks])).toEqual([
      ['remote', 'served-a', ['vqa-rad', 'slake']],
      ['remote', 'served-b', ['vqa-rad', 'slake']],
      ['browser', 'qwen2.5-vl-3b', ['vqa-rad', 'slake']],
    ]);
    s.removeFromPlan(0);
    expect((await s.planSet()).models.map((m) => m.modelId)).toEqual(['served-b', 'qwen2.5-vl-3b']);
    // the added models are kept with the page's choices (a reload shows them); the API key is never among them
    const reopened = make(storage).s;
    expect(reopened.added.map((m) => m.modelId)).toEqual(['served-b']);
    // the current choice already in the plan is not run twice
    s.target = 'remote';
    expect((await s.planSet()).models.map((m) => m.modelId)).toEqual(['served-b']);
  });

  it('a link preselects benchmarks and model (a server model with its served name), once per link', () => {
    const { s, config } = make();
    const offered = ['vqa-rad', 'slake', 'pathvqa'];
    s.applyLink(new URLSearchParams('benchmark=slake,pathvqa&model=qwen2.5-vl-72b'), offered);
    expect([s.benchmarks, s.target, s.remoteModel, config.servedName]).toEqual([
      ['slake', 'pathvqa'],
      'remote',
      'qwen2.5-vl-72b',
      'Qwen/Qwen2.5-VL-72B-Instruct',
    ]);
    s.benchmarks = ['vqa-rad'];
    s.applyLink(new URLSearchParams('benchmark=slake,pathvqa&model=qwen2.5-vl-72b'), offered);
    expect(s.benchmarks).toEqual(['vqa-rad']);
    s.applyLink(new URLSearchParams('model=qwen2.5-vl-3b&benchmark=mmmu'), offered);
    expect([s.target, s.browserModel, s.benchmarks, s.linkUnknown]).toEqual([
      'browser',
      'qwen2.5-vl-3b',
      ['vqa-rad'],
      ['mmmu'],
    ]);
  });
});
