import { describe, expect, it } from 'vitest';
import { EvalError, isEvalError } from '../../../../src/core/errors';
import { errorTransferHandler } from '../../../../workers/error-transfer';

// comlink wraps a thrown value as { value, [Symbol('Comlink.thrown')]: 0 }.
const thrown = (value: unknown) => ({ value, [Symbol('Comlink.thrown')]: 0 });

function roundTrip(value: unknown): unknown {
  const marked = thrown(value);
  expect(errorTransferHandler.canHandle(marked)).toBe(true);
  const [wire] = errorTransferHandler.serialize(marked);
  const cloned = structuredClone(wire);
  try {
    errorTransferHandler.deserialize(cloned);
  } catch (e) {
    return e;
  }
  throw new Error('deserialize did not throw');
}

describe('comlink throw handler', () => {
  it('keeps an EvalError code and message across a structured clone', () => {
    const e = roundTrip(new EvalError('backend/webgpu-init-failed', 'WebGPU could not start'));
    expect(isEvalError(e)).toBe(true);
    expect(e).toMatchObject({
      code: 'backend/webgpu-init-failed',
      message: 'WebGPU could not start',
      name: 'EvalError',
    });
  });

  it('passes plain errors through with name and message', () => {
    const e = roundTrip(new TypeError('bad'));
    expect(isEvalError(e)).toBe(false);
    expect(e).toMatchObject({ name: 'TypeError', message: 'bad' });
  });

  it('brings back only catalogued codes as EvalErrors; any other code arrives as a plain Error', () => {
    const e = roundTrip(Object.assign(new Error('odd failure'), { code: 'backend/made-up' }));
    expect(isEvalError(e)).toBe(false);
    expect(e).toBeInstanceOf(Error);
    expect(e).toMatchObject({ name: 'Error', message: 'odd failure' });
  });

  it('rethrows non-error values as they were', () => {
    expect(roundTrip('plain string')).toBe('plain string');
  });

  it('ignores values comlink did not mark as thrown', () => {
    expect(errorTransferHandler.canHandle({ value: 1 })).toBe(false);
  });
});
