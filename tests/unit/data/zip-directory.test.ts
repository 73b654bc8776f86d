// Our central-directory reader on the archive shapes found in the wild: Zip64, a comment after the end record,
// streamed entries with data descriptors, names without the UTF-8 flag, and archives cut short.
import { Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createBytesReader } from '../../../src/data/range-reader';
import { createZipSource } from '../../../src/data/zip';
import { decodeName, readZipDirectory } from '../../../src/data/zip-directory';
import { type VirtualEntry, createVirtualZip, patternByte } from '../../support/virtual-zip';

const enc = new TextEncoder();
const MiB = 1 << 20;

function streamedZip(files: Record<string, string>): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err !== null) throw err;
    chunks.push(chunk);
  });
  for (const [name, text] of Object.entries(files)) {
    const entry = name.endsWith('.jpg') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(enc.encode(text), true);
  }
  zip.end();
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  chunks.reduce((o, c) => (out.set(c, o), o + c.byteLength), 0);
  return out;
}

/** The archive with `comment` written after its end record (and its length set there). */
function withComment(zip: Uint8Array, comment: Uint8Array): Uint8Array {
  const out = new Uint8Array(zip.byteLength + comment.byteLength);
  out.set(zip);
  out.set(comment, zip.byteLength);
  new DataView(out.buffer).setUint16(zip.byteLength - 2, comment.byteLength, true);
  return out;
}

describe('readZipDirectory', () => {
  it('reads a Zip64 archive (locator, record, extended offsets) with one read of the directory', async () => {
    const entries: VirtualEntry[] = Array.from({ length: 4100 }, (_, i) => ({ name: `img/${i}.jpg`, size: MiB }));
    entries.push({ name: 'last.json', bytes: enc.encode('[1,2,3]') });
    const zip = createVirtualZip(entries, 'z64.zip');
    expect(zip.zip64).toBe(true);
    const list = await readZipDirectory(zip);
    expect(list).toHaveLength(4101);
    expect(list[4099]).toMatchObject({ name: 'img/4099.jpg', size: MiB, compressedSize: MiB, method: 0 });
    expect(list[4099]?.offset).toBeGreaterThan(2 ** 32);
    const source = createZipSource(zip, { stripTopFolder: false });
    expect(await source.readText('last.json')).toBe('[1,2,3]');
    const tail = await source.readRange('img/4099.jpg', MiB - 4, MiB);
    expect(Array.from(tail)).toEqual([0, 1, 2, 3].map((k) => patternByte(MiB - 4 + k)));
  });

  it('finds the end record before a comment, even one holding a fake signature', async () => {
    const zip = zipSync({ 'a.json': enc.encode('{"a":1}'), 'b.jpg': [new Uint8Array([1, 2, 3]), { level: 0 }] });
    const commented = withComment(zip, enc.encode('made by PK\x05\x06 a test'));
    const source = createZipSource(createBytesReader(commented), { stripTopFolder: false });
    expect(await source.list()).toEqual(['a.json', 'b.jpg']);
    expect(await source.readText('a.json')).toBe('{"a":1}');
  });

  it('takes sizes from the directory for entries written with data descriptors', async () => {
    const bytes = streamedZip({ 'q/a.json': '{"x":"' + 'y'.repeat(5000) + '"}', 'q/i.jpg': 'JPEG' });
    const list = await readZipDirectory(createBytesReader(bytes));
    expect(list.map((e) => [e.name, e.size])).toEqual([
      ['q/a.json', 5008],
      ['q/i.jpg', 4],
    ]);
    const source = createZipSource(createBytesReader(bytes));
    expect(await source.list()).toEqual(['a.json', 'i.jpg']);
    expect((await source.readText('a.json')).length).toBe(5008);
    expect(await source.readText('i.jpg')).toBe('JPEG');
  });

  it('decodes names without the UTF-8 flag as UTF-8 when valid, else as code page 437', async () => {
    expect(decodeName(enc.encode('données/é.json'), false)).toBe('données/é.json');
    expect(decodeName(new Uint8Array([0x63, 0x61, 0x66, 0x82]), false)).toBe('café');
    expect(decodeName(enc.encode('ü'), true)).toBe('ü');
    // An archive whose name byte 0x82 is CP437 'é' (ASCII name patched, so the flag stays unset).
    const zip = zipSync({ 'cafX.json': enc.encode('[]') });
    for (let i = 0; i < zip.byteLength - 3; i++) if (zip[i] === 0x58 && zip[i + 1] === 0x2e) zip[i] = 0x82;
    expect(await createZipSource(createBytesReader(zip), { stripTopFolder: false }).list()).toEqual(['café.json']);
  });

  it('says a truncated archive is not readable (dataset/bad-archive), wherever it was cut', async () => {
    const zip = zipSync({ 'a.json': enc.encode('{"a":1}'.repeat(100)), 'b.json': enc.encode('[]') });
    for (const cut of [zip.byteLength - 5, zip.byteLength - 30, Math.floor(zip.byteLength / 2), 10]) {
      const source = createZipSource(createBytesReader(zip.slice(0, cut), 'cut.zip'));
      await expect(source.list()).rejects.toMatchObject({
        code: 'dataset/bad-archive',
        message: expect.stringContaining('cut.zip is not a readable zip archive'),
      });
    }
  });

  it('says a directory cut inside its headers is bad-archive, not a shorter listing', async () => {
    const zip = zipSync({ 'a.json': enc.encode('1'), 'b.json': enc.encode('2') });
    const view = new DataView(zip.buffer);
    const eocd = zip.byteLength - 22;
    // Claim a directory one header shorter than written: the parser must notice the count.
    view.setUint32(eocd + 12, view.getUint32(eocd + 12, true) - 40, true);
    await expect(readZipDirectory(createBytesReader(zip, 'short.zip'))).rejects.toMatchObject({
      code: 'dataset/bad-archive',
    });
  });
});
