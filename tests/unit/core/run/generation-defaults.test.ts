// The generation defaults are defined once in core and read by the CLI's run command and the app's run setup.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_NEW_TOKENS, DEFAULT_MAX_PIXELS } from '../../../../src/app/lib/pure/run-plan';
import { RUN_USAGE } from '../../../../src/cli/commands/run';
import { GENERATION_DEFAULTS } from '../../../../src/core/run';

describe('generation defaults', () => {
  it("are the paper's protocol and Qwen2.5-VL's image cap, frozen", () => {
    expect(GENERATION_DEFAULTS).toEqual({ maxNewTokens: 2048, temperature: 0, maxPixels: 12_845_056 });
    expect(Object.isFrozen(GENERATION_DEFAULTS)).toBe(true);
  });

  it('are what the CLI documents and the app starts from', () => {
    expect(RUN_USAGE).toContain(`--max-new-tokens <n>    default ${GENERATION_DEFAULTS.maxNewTokens}`);
    expect(RUN_USAGE).toContain(`(default ${GENERATION_DEFAULTS.maxPixels})`);
    expect(DEFAULT_MAX_NEW_TOKENS).toBe(GENERATION_DEFAULTS.maxNewTokens);
    expect(DEFAULT_MAX_PIXELS).toBe(GENERATION_DEFAULTS.maxPixels);
  });
});
