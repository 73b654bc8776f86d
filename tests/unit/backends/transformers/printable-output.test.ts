// The opt-in printable-output tiny model (used by bench:app): the same model, its text limited to printable ASCII.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransformersBackend, type TransformersBackend } from '../../../../src/backends/transformers';
import { tinyRequest } from '../../../fixtures/tiny-models';
import { TINY_MODELS_DIR, writeTinyModel } from '../../../fixtures/tiny-models/write';
import { useTinyModels } from './node-env';

const PRINTABLE = /^[\t\n\x20-\x7e]*$/;

describe('tiny model with printableOutput', () => {
  let plain: TransformersBackend;
  let printable: TransformersBackend;
  beforeAll(async () => {
    useTinyModels();
    writeTinyModel('qwen2.5-vl', `${TINY_MODELS_DIR}/printable`, { printableOutput: true });
    plain = createTransformersBackend({ model: 'qwen2.5-vl', device: 'cpu', dtype: 'fp32' });
    printable = createTransformersBackend({ model: 'printable/qwen2.5-vl', device: 'cpu', dtype: 'fp32' });
    await plain.load();
    await printable.load();
  });
  afterAll(async () => {
    await plain.dispose();
    await printable.dispose();
  });

  it('generates only printable ASCII, where the plain model does not', async () => {
    const a = await plain.generate(tinyRequest('single', 40));
    const b = await printable.generate(tinyRequest('single', 40));
    expect(a.text).not.toMatch(PRINTABLE);
    expect(b.text.length).toBeGreaterThan(0);
    expect(b.text).toMatch(PRINTABLE);
  });
});
