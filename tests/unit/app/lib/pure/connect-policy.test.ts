import { describe, expect, it } from 'vitest';
import {
  allowsUrl,
  configuredOrigins,
  connectSrc,
  HUB_SOURCES,
  MAX_SCANNED_CHARS,
  originOf,
  reloadMessage,
  urlsIn,
  urlsInHash,
} from '../../../../../src/app/lib/pure/connect-policy';

const PAGE = 'http://127.0.0.1:4173';

describe('the connect-src policy built from saved settings', () => {
  it('finds URLs in the shapes settings are saved in: free text, arrays, nested objects', () => {
    const remote = {
      endpointsText: 'http://10.0.0.5:8000/v1\nhttps://gpu.example.org/v1, http://b:9/v1',
      concurrency: 6,
    };
    const remembered = [{ url: 'https://data.example.com/vqa-rad.zip', benchmark: 'vqa-rad' }];
    const models = [{ id: 'm', kind: 'url', location: 'https://models.example.net/exports/tiny' }];
    expect(urlsIn(remote)).toEqual(['http://10.0.0.5:8000/v1', 'https://gpu.example.org/v1,', 'http://b:9/v1']);
    expect(urlsIn(remembered)).toEqual(['https://data.example.com/vqa-rad.zip']);
    expect(urlsIn({ list: models })).toEqual(['https://models.example.net/exports/tiny']);
    expect(urlsIn(42)).toEqual([]);
    expect(urlsIn(null)).toEqual([]);
    expect(urlsIn('x'.repeat(MAX_SCANNED_CHARS + 1) + ' https://a.example')).toEqual([]);
  });

  it('reads the URLs a link names in its hash parameters', () => {
    const url = 'https://host.example:8443/data/vqa-rad.zip';
    expect(urlsInHash(`#/benchmarks?data=${encodeURIComponent(url)}&benchmark=vqa-rad`)).toEqual([url]);
    expect(urlsInHash('#/run?benchmark=vqa-rad&model=qwen2-vl-2b')).toEqual([]);
    expect(urlsInHash('#/tables')).toEqual([]);
  });

  it('keeps each origin once, sorted, without the page, the hub, or what a policy cannot name', () => {
    const origins = configuredOrigins(
      [
        'http://10.0.0.5:8000/v1',
        'http://10.0.0.5:8000/v1/models',
        'https://gpu.example.org/v1,', // a trailing comma is the URL parser's to drop: same origin
        `${PAGE}/static-datasets/x.zip`,
        'https://huggingface.co/Qwen/x/resolve/main/a.onnx',
        'https://cdn-lfs-us-1.hf.co/repos/x',
        'http://[::1]:8000/v1',
        'ftp://files.example/x',
        'not a url',
      ],
      PAGE,
    );
    expect(origins).toEqual(['http://10.0.0.5:8000', 'https://gpu.example.org']);
  });

  it('writes the directive: self, blob/data, the hub, then the configured origins', () => {
    const d = connectSrc(['http://10.0.0.5:8000']);
    expect(d.startsWith("connect-src 'self' blob: data: ")).toBe(true);
    for (const h of HUB_SOURCES) expect(d).toContain(h);
    expect(d.endsWith(' http://10.0.0.5:8000')).toBe(true);
    expect(d).not.toMatch(/ https?: /); // no scheme-wide source
  });

  it('allows the page, blob/data, the hub and the configured origins; refuses the rest', () => {
    const origins = ['http://10.0.0.5:8000'];
    expect(allowsUrl(origins, PAGE, 'http://10.0.0.5:8000/v1/chat/completions')).toBe(true);
    expect(allowsUrl(origins, PAGE, './static-datasets/index.json')).toBe(true);
    expect(allowsUrl(origins, PAGE, `${PAGE}/x`)).toBe(true);
    expect(allowsUrl(origins, PAGE, 'blob:http://127.0.0.1:4173/uuid')).toBe(true);
    expect(allowsUrl(origins, PAGE, 'https://huggingface.co/api/models')).toBe(true);
    expect(allowsUrl(origins, PAGE, 'https://cas-bridge.xethub.hf.co/x')).toBe(true);
    expect(allowsUrl(origins, PAGE, 'https://raw.githubusercontent.com/mlc-ai/x.wasm')).toBe(true);
    expect(allowsUrl(origins, PAGE, 'http://10.0.0.5:8001/v1')).toBe(false); // another port
    expect(allowsUrl(origins, PAGE, 'https://10.0.0.5:8000/v1')).toBe(false); // another scheme
    expect(allowsUrl(origins, PAGE, 'http://huggingface.co/x')).toBe(false); // the hub over http
    expect(allowsUrl(origins, PAGE, 'https://evil-huggingface.co/x')).toBe(false);
    expect(allowsUrl(origins, PAGE, 'https://huggingface.co.evil.example/x')).toBe(false);
    expect(allowsUrl(origins, PAGE, 'wss://10.0.0.5:8000/')).toBe(false);
  });

  it('names the origin and what to do in the reload message', () => {
    expect(originOf('http://10.0.0.5:8000/v1')).toBe('http://10.0.0.5:8000');
    expect(originOf('javascript:alert(1)')).toBeNull();
    const m = reloadMessage('http://10.0.0.5:8000/v1');
    expect(m).toContain('http://10.0.0.5:8000 is new');
    expect(m).toContain('reload the page');
  });
});
