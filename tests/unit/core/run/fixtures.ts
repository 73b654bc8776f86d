// Items, manifests and scripts for the run-engine tests: every prompt names its item ("[q7] …").
import type { Item, RunManifest } from '../../../../src/core/types';
import { buildManifest } from '../../../../src/core/results';

export const PNG_1PX = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function makeItems(n: number, prefix = 'q', benchmark: Item['benchmark'] = 'vqa-rad'): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    benchmark,
    variant: 'test',
    question: `[${prefix}${i}] Is there a fracture?`,
    options: [
      { letter: 'A', text: 'yes' },
      { letter: 'B', text: 'no' },
    ],
    answer: i % 2 === 0 ? 'A' : 'B',
    images: [{ path: `img/${i}.png`, present: true, bytes: PNG_1PX }],
    meta: { organ: i % 3 === 0 ? 'HEAD' : 'CHEST' },
  }));
}

export function makeManifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    ...buildManifest({
      appVersion: 'test',
      benchmark: 'vqa-rad',
      benchmarkVersion: '1',
      variant: 'test',
      model: 'qwen2.5-vl-7b',
      backend: 'scripted',
      backendModel: 'scripted',
      promptVersion: 'p',
      extractorVersion: 'e',
      dataHash: 'd',
      itemIdsHash: 'i',
      generation: { maxNewTokens: 256, temperature: 0 },
    }),
    ...overrides,
  };
}

/** The item id a prompt belongs to. */
export const idOf = (promptText: string): string => /\[([^\]]+)\]/.exec(promptText)?.[1] ?? '?';

/** The letter the scripted model answers for an item: right for ids divisible by 3 or 4 (an arbitrary but fixed mix). */
export function scriptedLetter(item: Item): string {
  const n = Number(item.id.replace(/\D/g, ''));
  const right = n % 3 === 0 || n % 4 === 0;
  return right ? item.answer : item.answer === 'A' ? 'B' : 'A';
}
