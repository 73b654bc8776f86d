// Classifying host failures: the browser's opaque "Failed to fetch" is told apart by a no-cors probe;
// Node's socket codes say DNS or refused; statuses say 404/403/other. Every message names the host.
import { describe, expect, it } from 'vitest';
import { classifyFetchFailure, classifyStatus, hostProblemError, noRangeProblem } from '../../../src/data/http-errors';

const failed = new TypeError('Failed to fetch');
const PAGE = 'http://127.0.0.1:5173';

describe('classifyFetchFailure', () => {
  it('cross-origin, and the host answers a no-cors probe: CORS, with the headers the server must send', async () => {
    const probes: RequestInit[] = [];
    const fetchImpl = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      probes.push(init ?? {});
      return new Response(null, { status: 200 });
    }) as typeof fetch;
    const p = await classifyFetchFailure('https://data.example.org/x.zip', failed, { fetchImpl, origin: PAGE });
    expect(p.kind).toBe('cors');
    expect(p.host).toBe('data.example.org');
    expect(p.message).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
    expect(p.message).toContain('Content-Range');
    expect(probes).toEqual([expect.objectContaining({ mode: 'no-cors' })]);
  });

  it('cross-origin, and the probe fails too: unreachable (offline, DNS or down)', async () => {
    const fetchImpl = (async () => {
      throw failed;
    }) as typeof fetch;
    const ctx = { fetchImpl, origin: PAGE, isolated: false };
    const p = await classifyFetchFailure('https://data.example.org/x.zip', failed, ctx);
    expect(p.kind).toBe('unreachable');
    expect(p.message).toMatch(/^data\.example\.org cannot be reached/);
  });

  it('in a cross-origin-isolated page a failed probe proves nothing: both causes, both fixes, and how to tell', async () => {
    const fetchImpl = (async () => {
      throw failed;
    }) as typeof fetch;
    const ctx = { fetchImpl, origin: PAGE, isolated: true };
    const p = await classifyFetchFailure('https://data.example.org/x.zip', failed, ctx);
    expect(p.kind).toBe('cors-or-unreachable');
    expect(p.message).toContain(`Access-Control-Allow-Origin: ${PAGE}`);
    expect(p.message).toContain('Open https://data.example.org/x.zip in a new tab');
    expect(hostProblemError(p).code).toBe('dataset/cors-or-unreachable');
  });

  it('same origin (or relative) is never CORS, and no probe is sent', async () => {
    const fetchImpl = (async () => {
      throw new Error('no probe expected');
    }) as typeof fetch;
    for (const url of [`${PAGE}/static-datasets/x.zip`, '/static-datasets/x.zip']) {
      expect((await classifyFetchFailure(url, failed, { fetchImpl, origin: PAGE })).kind).toBe('unreachable');
    }
  });

  it('offline says offline, before anything else', async () => {
    const p = await classifyFetchFailure('https://h/x.zip', failed, { origin: PAGE, online: false });
    expect(p).toMatchObject({ kind: 'offline', message: expect.stringContaining('offline') });
  });
});

describe('classifyStatus and the error codes', () => {
  it.each([
    [404, 'not-found', 'dataset/not-found'],
    [410, 'not-found', 'dataset/not-found'],
    [401, 'forbidden', 'dataset/forbidden'],
    [403, 'forbidden', 'dataset/forbidden'],
    [500, 'http-status', 'dataset/http'],
  ])('HTTP %i is %s (%s)', (status, kind, code) => {
    const p = classifyStatus('https://h.example/d/x.parquet', status);
    expect(p.kind).toBe(kind);
    expect(p.message).toContain('h.example');
    expect(hostProblemError(p).code).toBe(code);
  });

  it('no range support names the size it would have downloaded', () => {
    expect(noRangeProblem('https://h/x.zip', 3 * 1024 ** 3).message).toContain('3.0 GB');
  });
});
