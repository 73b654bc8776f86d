// The backend registry: its keys are the manifest's `backend` strings, and each platform wires the kinds it claims.
import { describe, expect, it } from 'vitest';
import { CLI_BACKENDS } from '../../../../src/cli/backends';
import { BACKEND_KINDS, concurrencyOf, isBackendKind } from '../../../../src/core/models/backend-kinds';
import { MODELS } from '../../../../src/core/models/registry';

describe('backend kinds', () => {
  it('keeps the strings stored in run manifests', () => {
    expect(Object.keys(BACKEND_KINDS).sort()).toEqual(['openai', 'scripted', 'transformers', 'webllm']);
    expect(isBackendKind('webllm')).toBe(true);
    expect(isBackendKind('import')).toBe(false);
    expect(isBackendKind('toString')).toBe(false);
  });

  it('runs every web export in a browser worker', () => {
    for (const m of MODELS.filter((e) => e.web !== undefined)) {
      const kind = BACKEND_KINDS[m.web?.engine ?? 'openai'];
      expect(kind.runsIn, m.id).toBe('worker');
      expect(kind.platforms, m.id).toContain('browser');
    }
  });

  it('gives the CLI a factory for exactly the kinds marked for Node', () => {
    const node = Object.entries(BACKEND_KINDS)
      .filter(([, k]) => (k.platforms as readonly string[]).includes('node'))
      .map(([kind]) => kind);
    expect(Object.keys(CLI_BACKENDS).sort()).toEqual(node.sort());
  });

  it('fixes a worker at one generation at a time and lets a server take what the plan sets', () => {
    expect(concurrencyOf('transformers', 8)).toBe(1);
    expect(concurrencyOf('webllm', 8)).toBe(1);
    expect(concurrencyOf('openai', 8)).toBe(8);
  });
});
