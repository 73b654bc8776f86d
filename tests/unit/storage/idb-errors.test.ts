// IndexedDB failures → EvalErrors that say what to do (src/storage/idb-errors.ts). The browser suite provokes a
// real aborted transaction (tests/browser/idb-result-store.test.ts, 'idb store: quota'); this pins the translation
// itself with the DOMException a browser throws, so a change to the advice is caught without Chromium.
import { describe, expect, it } from 'vitest';
import { EvalError } from '../../../src/core/errors';
import { mostTelling, storeErrorOf } from '../../../src/storage/idb-errors';

const quota = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('idb errors', () => {
  it('turns QuotaExceededError into store/quota with what to do and that nothing was lost', () => {
    const e = storeErrorOf(quota(), 'Storing results');
    expect(e).toBeInstanceOf(EvalError);
    expect(e.code).toBe('store/quota');
    expect(e.message).toMatch(/quota for this site is full/);
    expect(e.message).toMatch(/Nothing stored so far was lost/);
    expect(e.message).toMatch(/export finished runs \(JSONL\) and delete old runs/);
    expect(e.message).toMatch(/resume the run/);
    // which operation hit the quota, and the browser's own words
    expect(e.message).toContain('Storing results: The quota has been exceeded.');
  });

  it('prefers the quota error over the AbortError a failed transaction also reports', () => {
    const abort = new DOMException('The transaction was aborted.', 'AbortError');
    const q = quota();
    expect(mostTelling([abort, null, q])).toBe(q);
    expect(storeErrorOf(mostTelling([abort, q]), 'Storing results').code).toBe('store/quota');
    expect(storeErrorOf(mostTelling([abort]), 'Storing results').code).toBe('store/write');
  });

  it('keeps an EvalError as it is', () => {
    const original = new EvalError('store/not-open', 'not open');
    expect(storeErrorOf(original, 'Storing results')).toBe(original);
  });
});
