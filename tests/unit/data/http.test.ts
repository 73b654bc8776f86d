import { describe, it, expect } from 'vitest';
import { createHttpSource, encodePath } from '../../../src/data/http';
import { isEvalError } from '../../../src/core/errors';

/** A fake fetch over an in-memory file map keyed by URL; records every URL asked for. */
function fakeFetch(files: Record<string, string | Uint8Array<ArrayBuffer>>) {
  const calls: string[] = [];
  const impl = (async (input: RequestInfo | URL) => {
    const url = String(input);
    calls.push(url);
    const body = files[url];
    if (body === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
    return new Response(body, { status: 200 });
  }) as typeof fetch;
  return { impl, calls };
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

const manifest = JSON.stringify({
  benchmark: 'vqa-rad',
  files: [
    { path: 'VQA_RAD Dataset Public.json', sha256: 'x', bytes: 2 },
    { path: 'VQA_RAD Image Folder/synpic1.jpg', sha256: 'y', bytes: 3 },
  ],
});

describe('createHttpSource', () => {
  it('lists the files named in manifest.json and fetches it once', async () => {
    const { impl, calls } = fakeFetch({ 'http://h/ds/vqa-rad/manifest.json': manifest });
    const src = createHttpSource('http://h/ds/vqa-rad/', impl);
    expect(await src.list()).toEqual(['VQA_RAD Dataset Public.json', 'VQA_RAD Image Folder/synpic1.jpg']);
    await src.list();
    expect(calls).toEqual(['http://h/ds/vqa-rad/manifest.json']);
    expect(src.root).toBe('http://h/ds/vqa-rad');
  });

  it('URL-encodes each path segment but keeps the slashes', async () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const { impl, calls } = fakeFetch({
      '/static-datasets/vqa-rad/VQA_RAD%20Dataset%20Public.json': '[]',
      '/static-datasets/vqa-rad/VQA_RAD%20Image%20Folder/synpic%231.jpg': bytes,
    });
    const src = createHttpSource('/static-datasets/vqa-rad', impl);
    expect(await src.readText('VQA_RAD Dataset Public.json')).toBe('[]');
    expect(Array.from(await src.readBytes('VQA_RAD Image Folder/synpic#1.jpg'))).toEqual([1, 2, 255]);
    expect(calls).toHaveLength(2);
    expect(encodePath('a b/c?d/e')).toBe('a%20b/c%3Fd/e');
  });

  it('turns an HTTP 404 into dataset/not-found with the URL, the status and what to do', async () => {
    const { impl } = fakeFetch({});
    const e = await caught(createHttpSource('http://h/x', impl).readText('missing file.json'));
    expect(isEvalError(e) && e.code).toBe('dataset/not-found');
    const msg = (e as Error).message;
    expect(msg).toContain('http://h/x/missing%20file.json');
    expect(msg).toContain('404');
    expect(msg).toMatch(/check/i);
  });

  it('turns a network failure into dataset/unreachable', async () => {
    const impl = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const e = await caught(createHttpSource('http://h/x', impl).readBytes('a.jpg'));
    expect(isEvalError(e) && e.code).toBe('dataset/unreachable');
    expect((e as Error).message).toContain('Failed to fetch');
    expect((e as Error).message).toContain('http://h/x/a.jpg');
  });

  it('rejects a manifest without a files array, and retries list() after a failure', async () => {
    const files: Record<string, string> = { 'http://h/x/manifest.json': '{"benchmark":"slake"}' };
    const { impl } = fakeFetch(files);
    const src = createHttpSource('http://h/x', impl);
    const e = await caught(src.list());
    expect(isEvalError(e) && e.code).toBe('dataset/http');
    expect((e as Error).message).toContain('files');
    files['http://h/x/manifest.json'] = JSON.stringify({ files: ['test.json'] });
    expect(await src.list()).toEqual(['test.json']);
  });

  it('rejects a manifest that is not JSON', async () => {
    const { impl } = fakeFetch({ 'http://h/x/manifest.json': '<html>' });
    const e = await caught(createHttpSource('http://h/x', impl).list());
    expect(isEvalError(e) && e.code).toBe('dataset/http');
  });
});
