import { describe, expect, it } from 'vitest';
import { EvalError, didYouMean, isEvalError } from '../../../src/core/errors';

describe('EvalError', () => {
  it('carries a code that survives structured cloning', () => {
    const e = new EvalError('dataset/missing-dir', 'Directory not found: pass --data <dir>.');
    const cloned = structuredClone({ code: e.code, message: e.message });
    expect(isEvalError(e)).toBe(true);
    expect(isEvalError(cloned)).toBe(true);
    expect(isEvalError(new Error('x'))).toBe(false);
  });
  it('suggests the closest id', () => {
    expect(didYouMean('vqarad', ['vqa-rad', 'slake', 'pathvqa'])).toBe('vqa-rad');
    expect(didYouMean('zzzzzzzzzz', ['vqa-rad', 'slake'])).toBeNull();
  });
});
