// Shared bits of the openai backend tests: a one-image prompt whose text names its item.
import type { GenerateRequest } from '../../../../src/core/types';

/** A 1×1 PNG. */
export const TINY_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function requestFor(
  key: string,
  options: { maxNewTokens?: number; signal?: AbortSignal; withImage?: boolean } = {},
): GenerateRequest {
  const request: GenerateRequest = {
    messages: [
      {
        role: 'user',
        content: [
          ...(options.withImage === false
            ? []
            : [{ type: 'image' as const, image: { path: `img/${key}.png`, bytes: TINY_PNG } }]),
          { type: 'text', text: `[${key}] Is there a fracture?\n\nA. yes\nB. no` },
        ],
      },
    ],
    params: { maxNewTokens: options.maxNewTokens ?? 64, temperature: 0 },
  };
  if (options.signal !== undefined) request.signal = options.signal;
  return request;
}

/** The item key the test server derives from a prompt built by requestFor(). */
export const keyOfPrompt = (text: string): string => /\[([^\]]+)\]/.exec(text)?.[1] ?? text;
