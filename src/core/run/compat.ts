// Whether a stored run may be resumed by a new one: shared by every ResultStore so they all refuse the same things.
import { sampleKey } from '../sample/describe';
import type { RunManifest } from '../types';

/**
 * What differs between a stored run and the one about to resume it, as readable lines; empty when compatible.
 * The app version, endpoints and timestamps may change between sessions; anything that changes outputs may not.
 */
export function manifestMismatches(stored: RunManifest, wanted: RunManifest): string[] {
  const fields: [string, unknown, unknown][] = [
    ['benchmark', stored.benchmark, wanted.benchmark],
    ['benchmark version', stored.benchmarkVersion, wanted.benchmarkVersion],
    ['variant', stored.variant, wanted.variant],
    ['model', stored.model, wanted.model],
    ['backend', stored.backend, wanted.backend],
    ['backend model', stored.backendModel, wanted.backendModel],
    ['prompt version', stored.promptVersion, wanted.promptVersion],
    ['extractor version', stored.extractorVersion, wanted.extractorVersion],
    ['data hash', stored.dataHash, wanted.dataHash],
    ['item ids hash', stored.itemIdsHash, wanted.itemIdsHash],
    ['max new tokens', stored.generation.maxNewTokens, wanted.generation.maxNewTokens],
    ['temperature', stored.generation.temperature, wanted.generation.temperature],
    ['max pixels', stored.generation.maxPixels ?? null, wanted.generation.maxPixels ?? null],
    ['sample', sampleKey(stored.sample), sampleKey(wanted.sample)],
  ];
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([name, a, b]) => `${name}: stored ${JSON.stringify(a)}, now ${JSON.stringify(b)}`);
}
