// A zip's central directory, read by us: the End of Central Directory record (and the Zip64 locator and record
// when offsets pass 4 GiB) from the file's tail, then every directory header from ONE range read. A general zip
// library builds a rich object per entry; an OmniMedVQA archive has tens of thousands of entries and we need four
// numbers of each, so a flat pass over one buffer is what listing costs.
import { EvalError } from '../core/errors';
import type { RangeReader } from './range-reader';

export interface ZipEntry {
  /** The name as stored, '/' separated. */
  name: string;
  /** Where the entry's local header starts. */
  offset: number;
  compressedSize: number;
  size: number;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  encrypted: boolean;
  directory: boolean;
  /** The directory header's name + extra length: the local header's are usually the same, so one read can take both. */
  headerHint: number;
}

const EOCD = 0x06054b50;
const EOCD_SIZE = 22;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_EOCD_SIZE = 56;
const CENTRAL = 0x02014b50;
const CENTRAL_SIZE = 46;
const MAX_COMMENT = 0xffff;
const U16 = 0xffff;
const U32 = 0xffffffff;
const FLAG_ENCRYPTED = 0x1;
const FLAG_UTF8 = 0x800;
const ZIP64_EXTRA = 0x0001;

const utf8 = new TextDecoder();
/** Bytes below 0x80 read as ASCII by every single-byte decoder ('latin1' is windows-1252 in the Encoding spec). */
const asciiView = new TextDecoder('latin1');
/** Names up to this long take the ASCII fast path (one argument per byte: far below engines' argument limits). */
const ASCII_FAST_MAX = 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
// Code page 437, the zip format's legacy name encoding, for bytes 0x80–0xff.
const CP437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀' +
  'αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

function badArchive(reader: RangeReader, why: string): EvalError {
  return new EvalError(
    'dataset/bad-archive',
    `${reader.name} is not a readable zip archive (${why}): download it again, or unpack it and pass the folder.`,
  );
}

/**
 * Names without the UTF-8 flag: archivers on macOS and Linux write UTF-8 anyway, so UTF-8 when the bytes are
 * valid UTF-8, else code page 437 as the format says.
 */
export function decodeName(bytes: Uint8Array, utf8Flag: boolean): string {
  let ascii = bytes.byteLength <= ASCII_FAST_MAX;
  for (let i = 0; ascii && i < bytes.byteLength; i++) if ((bytes[i] ?? 0) >= 0x80) ascii = false;
  // An ASCII name (all of OmniMedVQA's 44k) is the same in every encoding: built directly, ~3× faster than a
  // TextDecoder call per name, which listing a large archive pays once per entry.
  if (ascii) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  if (utf8Flag) return utf8.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : (CP437_HIGH[b - 0x80] ?? '?');
    return out;
  }
}

function u64(view: DataView, at: number): number {
  const n = view.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('a Zip64 field past 2^53');
  return Number(n);
}

interface Directory {
  offset: number;
  size: number;
  entries: number;
}

/** Finds the central directory from the file's tail (EOCD, then Zip64's when a field is saturated). */
async function locate(reader: RangeReader, fileSize: number): Promise<Directory> {
  if (fileSize < EOCD_SIZE) throw badArchive(reader, 'too short to be a zip');
  const tailStart = Math.max(0, fileSize - EOCD_SIZE - MAX_COMMENT);
  const tail = await reader.read(tailStart, fileSize);
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let at = tail.byteLength - EOCD_SIZE;
  // The comment may hold anything, so the record is the last signature whose comment length reaches the end.
  while (
    at >= 0 &&
    !(view.getUint32(at, true) === EOCD && at + EOCD_SIZE + view.getUint16(at + 20, true) === tail.byteLength)
  )
    at--;
  if (at < 0) throw badArchive(reader, 'no end of central directory record; the file may be truncated');
  if (view.getUint16(at + 4, true) !== view.getUint16(at + 6, true)) throw badArchive(reader, 'a multi-part archive');
  const dir: Directory = {
    entries: view.getUint16(at + 10, true),
    size: view.getUint32(at + 12, true),
    offset: view.getUint32(at + 16, true),
  };
  const saturated = dir.entries === U16 || dir.size === U32 || dir.offset === U32;
  const locatorAt = at - ZIP64_LOCATOR_SIZE;
  if (locatorAt >= 0 && view.getUint32(locatorAt, true) === ZIP64_LOCATOR) {
    const recordAt = u64(view, locatorAt + 8);
    const record = await reader.read(recordAt, recordAt + ZIP64_EOCD_SIZE);
    const rv = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (record.byteLength < ZIP64_EOCD_SIZE || rv.getUint32(0, true) !== ZIP64_EOCD)
      throw badArchive(reader, 'a damaged Zip64 end of central directory record');
    return { entries: u64(rv, 32), size: u64(rv, 40), offset: u64(rv, 48) };
  }
  if (saturated && dir.entries !== U16) throw badArchive(reader, 'Zip64 fields without a Zip64 record');
  return dir;
}

/** Every entry of the archive, in directory order. Throws dataset/bad-archive on anything that does not parse. */
export async function readZipDirectory(reader: RangeReader): Promise<ZipEntry[]> {
  const fileSize = await reader.size();
  const dir = await locate(reader, fileSize);
  if (dir.offset + dir.size > fileSize)
    throw badArchive(reader, 'the central directory lies past the end of the file; it may be truncated');
  const cd = await reader.read(dir.offset, dir.offset + dir.size);
  const view = new DataView(cd.buffer, cd.byteOffset, cd.byteLength);
  const entries: ZipEntry[] = [];
  // The whole directory as one Latin-1 string: an ASCII name (all of OmniMedVQA's 44k) is then a slice of it, far
  // cheaper than building a string per name from its bytes. Other names are decoded one by one (decodeName).
  const latin1 = asciiView.decode(cd);
  let at = 0;
  while (at + CENTRAL_SIZE <= cd.byteLength && view.getUint32(at, true) === CENTRAL) {
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const nameStart = at + CENTRAL_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > cd.byteLength) throw badArchive(reader, 'a central directory header runs past the directory');
    let size = view.getUint32(at + 24, true);
    let compressedSize = view.getUint32(at + 20, true);
    let offset = view.getUint32(at + 42, true);
    if (size === U32 || compressedSize === U32 || offset === U32) {
      // Zip64 extended information: the saturated fields, in this order, as 8-byte values.
      for (let x = nameStart + nameLength; x + 4 <= nameStart + nameLength + extraLength;) {
        const id = view.getUint16(x, true);
        const length = view.getUint16(x + 2, true);
        if (id === ZIP64_EXTRA) {
          let f = x + 4;
          if (size === U32) {
            size = u64(view, f);
            f += 8;
          }
          if (compressedSize === U32) {
            compressedSize = u64(view, f);
            f += 8;
          }
          if (offset === U32) offset = u64(view, f);
          break;
        }
        x += 4 + length;
      }
    }
    let ascii = true;
    for (let i = nameStart; ascii && i < nameStart + nameLength; i++) if ((cd[i] ?? 0) >= 0x80) ascii = false;
    const name = ascii
      ? latin1.slice(nameStart, nameStart + nameLength)
      : decodeName(cd.subarray(nameStart, nameStart + nameLength), (flags & FLAG_UTF8) !== 0);
    entries.push({
      name,
      offset,
      compressedSize,
      size,
      method: view.getUint16(at + 10, true),
      encrypted: (flags & FLAG_ENCRYPTED) !== 0,
      directory: name.endsWith('/'),
      headerHint: nameLength + extraLength,
    });
    at = next;
  }
  // Zip64 archives may count entries past 65,535 only in their Zip64 record; a short count means a cut directory.
  if (entries.length < dir.entries && dir.entries !== U16)
    throw badArchive(reader, `the central directory lists ${entries.length} of ${dir.entries} entries`);
  return entries;
}
