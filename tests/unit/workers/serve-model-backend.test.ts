// The inference worker's server, in Node with the scripted backend: the worker protocol (workers/api.ts) around
// any ModelBackend. The real worker (transformers.js in Chromium) is tests/browser/inference-worker.test.ts.
import { describe, expect, it } from 'vitest';
import { createScriptedBackend } from '../../../src/backends/scripted';
import type { WorkerModelOptions } from '../../../workers/api';
import { serveModelBackend } from '../../../workers/serve-model-backend';

const OPTIONS: WorkerModelOptions = { model: 'm', device: 'wasm', dtype: 'q8' };
const REQUEST = {
  messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Q?' }] }],
  params: { maxNewTokens: 4, temperature: 0 },
};

function served(opts: { streaming?: boolean } = {}) {
  const created: WorkerModelOptions[] = [];
  const s = serveModelBackend((o) => {
    created.push(o);
    const backend = createScriptedBackend({ script: () => 'one two three', streaming: opts.streaming ?? false });
    return {
      ...backend,
      generate: async (request, onToken) => ({ ...(await backend.generate(request, onToken)), outputTokenIds: [1, 2] }),
    };
  });
  return { ...s, created };
}

describe('serveModelBackend', () => {
  it('refuses calls before init with backend/not-loaded', async () => {
    const { api } = served();
    await expect(api.load()).rejects.toMatchObject({ code: 'backend/not-loaded' });
  });

  it('creates the backend on init with the options, answers its capabilities, and loads without warming up', async () => {
    const { api, created, warmUpReport } = served();
    expect(await api.init(OPTIONS)).toMatchObject({ device: 'cpu', streaming: false });
    expect(created).toEqual([OPTIONS]);
    await api.load();
    expect(warmUpReport()).toBeNull();
  });

  it('warms up on load when init asked for it', async () => {
    const { api, warmUpReport } = served();
    await api.init({ ...OPTIONS, warmUp: true });
    const phases: string[] = [];
    await api.load((p) => phases.push(p.phase));
    expect(phases.at(-1)).toBe('ready');
    expect(warmUpReport()?.runs).toBeGreaterThan(0);
  });

  it('answers a generation only after the page has taken every streamed piece', async () => {
    const { api } = served({ streaming: true });
    await api.init(OPTIONS);
    await api.load();
    const taken: string[] = [];
    // comlink proxies answer later than they are called: a slow page-side callback
    const onToken = (piece: string): Promise<void> =>
      new Promise((resolve) => setTimeout(() => resolve(void taken.push(piece)), 5));
    const result = await api.generate(REQUEST, onToken);
    expect(taken.join('')).toBe('one two three');
    expect(result).toMatchObject({ text: 'one two three', outputTokenIds: [1, 2] });
  });

  it('dispose() drops the backend: later calls need a new init', async () => {
    const { api } = served();
    await api.init(OPTIONS);
    await api.dispose();
    await expect(api.generate(REQUEST)).rejects.toMatchObject({ code: 'backend/not-loaded' });
  });
});
