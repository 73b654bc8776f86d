import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../../src/backends/openai/backoff';
import {
  classifyHttpFailure,
  parseRetryAfterMs,
  redact,
  serverMessage,
} from '../../../../src/backends/openai/failures';
import { normalizeBaseUrl } from '../../../../src/backends/openai';
import { DEFAULT_RETRY } from '../../../../src/backends/openai';

const where = { endpoint: 'http://h/v1', model: 'm' };

describe('failure classification', () => {
  it.each([
    [429, true, 'backend/rate-limited'],
    [408, true, 'backend/http-408'],
    [409, true, 'backend/http-409'],
    [500, true, 'backend/server-error'],
    [502, true, 'backend/server-error'],
    [503, true, 'backend/server-error'],
    [401, false, 'backend/auth'],
    [403, false, 'backend/auth'],
    [400, false, 'backend/bad-request'],
    [413, false, 'backend/image-too-large'],
  ] as const)('status %i → retryable %s, %s', (status, retryable, code) => {
    const f = classifyHttpFailure(status, '{"error":{"message":"x"}}', null, where);
    expect(f.retryable).toBe(retryable);
    expect(f.code).toBe(code);
    expect(f.endpointFault).toBe(status >= 500);
  });

  it('reads the server message from the common error shapes', () => {
    expect(serverMessage('{"error":{"message":"bad thing"}}')).toBe('bad thing');
    expect(serverMessage('{"object":"error","message":"vllm says","type":"BadRequestError","code":400}')).toBe(
      'vllm says',
    );
    expect(serverMessage('{"detail":[{"msg":"field required"},{"msg":"too big"}]}')).toBe('field required; too big');
    expect(serverMessage('plain text\n  body')).toBe('plain text body');
    expect(serverMessage('x'.repeat(2000)).length).toBeLessThan(700);
  });

  it('recognises context-length and unknown-model messages from vLLM', () => {
    expect(
      classifyHttpFailure(
        400,
        '{"message":"This model\'s maximum context length is 8192 tokens. However, you requested 9000 tokens"}',
        null,
        where,
      ).code,
    ).toBe('backend/context-too-long');
    expect(classifyHttpFailure(404, '{"message":"The model `foo` does not exist."}', null, where).code).toBe(
      'backend/unknown-model',
    );
    expect(classifyHttpFailure(404, '{"detail":"Not Found"}', null, where).code).toBe('backend/not-found');
  });

  it('parses Retry-After as seconds or a date', () => {
    expect(parseRetryAfterMs('3', 0)).toBe(3000);
    expect(parseRetryAfterMs('0.25', 0)).toBe(250);
    expect(parseRetryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfterMs('soon', 0)).toBeNull();
    expect(parseRetryAfterMs(null, 0)).toBeNull();
  });

  it('redacts every occurrence of the key', () => {
    expect(redact('key sk-abc123 and again sk-abc123', 'sk-abc123')).toBe('key *** and again ***');
    expect(redact('no key here', undefined)).toBe('no key here');
  });

  it('backs off exponentially with jitter, capped, never below Retry-After', () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect(backoffDelayMs(1, null, opts, () => 0)).toBe(50);
    expect(backoffDelayMs(1, null, opts, () => 1)).toBe(100);
    expect(backoffDelayMs(3, null, opts, () => 1)).toBe(400);
    expect(backoffDelayMs(10, null, opts, () => 1)).toBe(1_000);
    expect(backoffDelayMs(1, 5_000, opts, () => 0)).toBe(5_000);
    expect(backoffDelayMs(1, 10 ** 9, opts, () => 0)).toBe(opts.maxRetryAfterMs);
  });

  it('normalises endpoint URLs', () => {
    expect(normalizeBaseUrl('http://h:8000')).toBe('http://h:8000/v1');
    expect(normalizeBaseUrl('http://h:8000/v1/')).toBe('http://h:8000/v1');
    expect(normalizeBaseUrl('h:8000/v1/chat/completions')).toBe('http://h:8000/v1');
    expect(normalizeBaseUrl('https://proxy.example/qwen/v1')).toBe('https://proxy.example/qwen/v1');
  });
});
