// A zip archive that exists only as arithmetic: headers are built up front, entry data is synthesized on demand
// from a repeating pattern. It lets a test read a 2 GB (or a Zip64 > 4 GiB) archive through a RangeReader
// without writing or holding it, and count exactly which bytes a source asked for.
import { crc32 } from 'node:zlib';
import { makeRangeReader, type RangeReader } from '../../src/data/range-reader';

export interface VirtualEntry {
  name: string;
  /** Small entries (JSON) carry their bytes; large ones (images) are `size` bytes of the pattern. */
  bytes?: Uint8Array;
  size?: number;
}

/** Byte k of every synthesized entry: cheap to compute, and its CRC is computed once per size. */
export const patternByte = (k: number): number => (k * 7 + (k >>> 8)) & 0xff;

function patternSlice(from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = patternByte(k);
  return out;
}

const crcBySize = new Map<number, number>();
function patternCrc(size: number): number {
  let crc = crcBySize.get(size);
  if (crc === undefined) {
    crc = 0;
    for (let at = 0; at < size; at += 1 << 20) crc = crc32(patternSlice(at, Math.min(size, at + (1 << 20))), crc);
    crcBySize.set(size, crc);
  }
  return crc;
}

const U32 = 0xffffffff;
const encoder = new TextEncoder();

interface Segment {
  offset: number;
  length: number;
  read(from: number, to: number): Uint8Array;
}

function fixed(bytes: Uint8Array): Segment['read'] {
  return (from, to) => bytes.subarray(from, to);
}

function header(size: number, fill: (v: DataView) => void): Uint8Array {
  const bytes = new Uint8Array(size);
  fill(new DataView(bytes.buffer));
  return bytes;
}

export interface VirtualZip extends RangeReader {
  totalSize: number;
  /** Whether offsets passed 4 GiB (Zip64 records written). */
  zip64: boolean;
}

export function createVirtualZip(entries: VirtualEntry[], name = 'virtual.zip'): VirtualZip {
  const segments: Segment[] = [];
  let at = 0;
  const push = (length: number, read: Segment['read']): void => {
    segments.push({ offset: at, length, read });
    at += length;
  };
  const central: Uint8Array[] = [];
  for (const entry of entries) {
    const nameBytes = encoder.encode(entry.name);
    const size = entry.bytes?.byteLength ?? entry.size ?? 0;
    const crc = entry.bytes !== undefined ? crc32(entry.bytes) : patternCrc(size);
    const localOffset = at;
    const big = localOffset >= U32;
    push(
      30 + nameBytes.length,
      fixed(
        header(30 + nameBytes.length, (v) => {
          v.setUint32(0, 0x04034b50, true);
          v.setUint16(4, big ? 45 : 20, true);
          v.setUint16(6, 0x0800, true); // UTF-8 names
          v.setUint16(12, 0x21, true); // 1980-01-01
          v.setUint32(14, crc, true);
          v.setUint32(18, size, true);
          v.setUint32(22, size, true);
          v.setUint16(26, nameBytes.length, true);
          new Uint8Array(v.buffer).set(nameBytes, 30);
        }),
      ),
    );
    push(size, entry.bytes !== undefined ? fixed(entry.bytes) : patternSlice);
    const extra = big ? 12 : 0;
    central.push(
      header(46 + nameBytes.length + extra, (v) => {
        v.setUint32(0, 0x02014b50, true);
        v.setUint16(4, 45, true);
        v.setUint16(6, big ? 45 : 20, true);
        v.setUint16(8, 0x0800, true);
        v.setUint16(14, 0x21, true);
        v.setUint32(16, crc, true);
        v.setUint32(20, size, true);
        v.setUint32(24, size, true);
        v.setUint16(28, nameBytes.length, true);
        v.setUint16(30, extra, true);
        v.setUint32(42, big ? U32 : localOffset, true);
        new Uint8Array(v.buffer).set(nameBytes, 46);
        if (big) {
          v.setUint16(46 + nameBytes.length, 0x0001, true); // Zip64 extended information: the offset only
          v.setUint16(48 + nameBytes.length, 8, true);
          v.setBigUint64(50 + nameBytes.length, BigInt(localOffset), true);
        }
      }),
    );
  }
  const cdOffset = at;
  const cdSize = central.reduce((n, c) => n + c.byteLength, 0);
  const cd = new Uint8Array(cdSize);
  central.reduce((o, c) => (cd.set(c, o), o + c.byteLength), 0);
  push(cdSize, fixed(cd));
  const zip64 = cdOffset >= U32;
  if (zip64) {
    const recordOffset = at;
    push(
      56,
      fixed(
        header(56, (v) => {
          v.setUint32(0, 0x06064b50, true);
          v.setBigUint64(4, 44n, true);
          v.setUint16(12, 45, true);
          v.setUint16(14, 45, true);
          v.setBigUint64(24, BigInt(entries.length), true);
          v.setBigUint64(32, BigInt(entries.length), true);
          v.setBigUint64(40, BigInt(cdSize), true);
          v.setBigUint64(48, BigInt(cdOffset), true);
        }),
      ),
    );
    push(
      20,
      fixed(
        header(20, (v) => {
          v.setUint32(0, 0x07064b50, true);
          v.setBigUint64(8, BigInt(recordOffset), true);
          v.setUint32(16, 1, true);
        }),
      ),
    );
  }
  push(
    22,
    fixed(
      header(22, (v) => {
        v.setUint32(0, 0x06054b50, true);
        v.setUint16(8, Math.min(entries.length, 0xffff), true);
        v.setUint16(10, Math.min(entries.length, 0xffff), true);
        v.setUint32(12, cdSize, true);
        v.setUint32(16, zip64 ? U32 : cdOffset, true);
      }),
    ),
  );
  const totalSize = at;

  const readRaw = async (start: number, end: number): Promise<Uint8Array> => {
    const out = new Uint8Array(end - start);
    // First segment containing `start`, by binary search; then walk forward.
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((segments[mid]?.offset ?? 0) <= start) lo = mid;
      else hi = mid - 1;
    }
    for (let i = lo, pos = start; pos < end && i < segments.length; i++) {
      const seg = segments[i];
      if (seg === undefined || seg.length === 0) continue;
      const from = pos - seg.offset;
      const to = Math.min(seg.length, end - seg.offset);
      if (to <= from) continue;
      out.set(seg.read(from, to), pos - start);
      pos += to - from;
    }
    return out;
  };
  return Object.assign(
    makeRangeReader(name, async () => totalSize, readRaw),
    { totalSize, zip64 },
  );
}
