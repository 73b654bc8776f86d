import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashDataFiles, hashItemIds, sha256Hex } from '../../../../src/core/hash';
import { createMemorySource } from '../../../../src/data/memory';

const nodeSha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('hash', () => {
  it('sha256Hex agrees with node:crypto on text and bytes', async () => {
    expect(await sha256Hex('')).toBe(nodeSha(''));
    expect(await sha256Hex('µ-test\n')).toBe(nodeSha('µ-test\n'));
    const bytes = new Uint8Array([0, 1, 2, 255]);
    expect(await sha256Hex(bytes)).toBe(nodeSha(bytes));
    expect(await sha256Hex(bytes.subarray(1, 3))).toBe(nodeSha(bytes.subarray(1, 3)));
  });

  it('hashItemIds sorts by code unit and joins with newlines', async () => {
    expect(await hashItemIds(['b', 'a', 'B'])).toBe(nodeSha('B\na\nb'));
    expect(await hashItemIds(['b', 'a'])).toBe(await hashItemIds(['a', 'b']));
  });

  it('hashDataFiles is stable over path order and changes with any byte or path', async () => {
    const files = { 'a.json': '[1]', 'dir/b.csv': 'x,y\n' };
    const source = createMemorySource(files);
    const h = await hashDataFiles(source, ['dir/b.csv', 'a.json']);
    expect(h).toBe(await hashDataFiles(source, ['a.json', 'dir/b.csv']));
    expect(h).toBe(nodeSha(`a.json\t${nodeSha('[1]')}\ndir/b.csv\t${nodeSha('x,y\n')}\n`));
    expect(await hashDataFiles(createMemorySource({ ...files, 'a.json': '[2]' }), ['a.json', 'dir/b.csv'])).not.toBe(h);
    expect(
      await hashDataFiles(createMemorySource({ 'a2.json': '[1]', 'dir/b.csv': 'x,y\n' }), ['a2.json', 'dir/b.csv']),
    ).not.toBe(h);
  });
});
