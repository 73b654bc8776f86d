// A model file's host problem named by its URL and status; a file that is there leaves the caller's mapping.
import { describe, expect, it } from 'vitest';
import { explainModelLoadFailure, fileUrlIn, probeModelFile } from '../../../../src/backends/shared/model-host';

const answer =
  (status: number): typeof fetch =>
  async () =>
    new Response(null, { status });

describe('fileUrlIn', () => {
  it('finds an absolute or scheme-relative URL in a loader message', () => {
    expect(fileUrlIn('Could not locate file: "https://h.co/m/resolve/main/onnx/a.onnx".')).toBe(
      'https://h.co/m/resolve/main/onnx/a.onnx',
    );
    expect(fileUrlIn('file was not found locally at "//127.0.0.1:9/m/config.json".', 'http://page/')).toBe(
      'http://127.0.0.1:9/m/config.json',
    );
    expect(fileUrlIn('Failed to fetch')).toBeNull();
  });
});

describe('explainModelLoadFailure', () => {
  const url = 'https://models.example/m/onnx/decoder.onnx';

  it('a 404 is backend/model-not-found naming the file and the status', async () => {
    const e = await explainModelLoadFailure('m', new Error(`Could not locate file: "${url}".`), null, {
      fetchImpl: answer(404),
    });
    expect(e?.code).toBe('backend/model-not-found');
    expect(e?.message).toMatch(new RegExp(`^${url} answered 404 \\(not found\\)`));
  });

  it('a 403 is backend/model-files, forbidden', async () => {
    const e = await explainModelLoadFailure('m', new Error('Failed to fetch'), url, { fetchImpl: answer(403) });
    expect(e?.code).toBe('backend/model-files');
    expect(e?.message).toMatch(/answered 403 \(forbidden\).*private or gated/);
  });

  it('offline and CORS are named as such', async () => {
    const reject: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const offline = await explainModelLoadFailure('m', new Error('Failed to fetch'), url, {
      fetchImpl: reject,
      online: false,
    });
    expect(offline?.message).toMatch(/offline/);
    // The CORS request rejects, the no-cors probe gets an (opaque) answer: the host is up, CORS is missing.
    const corsOnly: typeof fetch = async (_u, init) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    };
    const cors = await explainModelLoadFailure('m', new Error('Failed to fetch'), url, {
      fetchImpl: corsOnly,
      origin: 'http://localhost:5173',
      online: true,
    });
    expect(cors?.code).toBe('backend/model-files');
    expect(cors?.message).toMatch(/CORS/);
  });

  it('a file its host serves (or a message naming none) is not a host problem', async () => {
    expect(await probeModelFile(url, { fetchImpl: answer(200) })).toBeNull();
    expect(await explainModelLoadFailure('m', new Error('bad graph'), null, { fetchImpl: answer(404) })).toBeNull();
  });
});
