// Endpoint URLs as users type them ("host:8000", "http://host:8000/", ".../v1") → one canonical base ending in /v1.
import { EvalError } from '../../core/errors';

export function normalizeBaseUrl(input: string): string {
  let text = input.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = 'http://' + text;
  let url: URL;
  try {
    url = new URL(text);
  } catch (e) {
    throw new EvalError(
      'config/endpoint',
      `'${input}' is not a URL: give the server's base URL, e.g. http://127.0.0.1:8000/v1.`,
      e,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new EvalError('config/endpoint', `'${input}': only http:// and https:// endpoints are supported.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new EvalError(
      'config/endpoint',
      `'${url.host}': do not put credentials in the URL; pass the API key separately (CLI: --api-key-env VAR).`,
    );
  }
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/(chat\/completions|completions|models)$/, '');
  if (!/\/v\d+$/.test(path)) path += '/v1';
  return `${url.protocol}//${url.host}${path}`;
}
