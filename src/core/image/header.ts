// Is this an image at all? A header check on the bytes about to be sent to a model: a dataset entry that is a
// JSON file, a text file or a truncated download is a clear per-item error, never bytes shipped as a picture.
// Pure (no decoder): each format's signature plus the first structure a decoder would read.

const u32be = (b: Uint8Array, at: number): number =>
  (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
const ascii = (b: Uint8Array, at: number, text: string): boolean =>
  [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));

const FORMATS: { name: string; test: (b: Uint8Array) => boolean }[] = [
  // SOI, then a marker segment
  { name: 'JPEG', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff && b.length > 4 },
  // signature, then the IHDR chunk with a non-zero size
  {
    name: 'PNG',
    test: (b) =>
      u32be(b, 0) === 0x89504e47 &&
      u32be(b, 4) === 0x0d0a1a0a &&
      ascii(b, 12, 'IHDR') &&
      u32be(b, 16) > 0 &&
      u32be(b, 20) > 0,
  },
  { name: 'GIF', test: (b) => (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) && b.length > 10 },
  { name: 'WebP', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') && ascii(b, 12, 'VP8') },
  // 'BM', then a DIB header of one of the sizes decoders know
  { name: 'BMP', test: (b) => ascii(b, 0, 'BM') && [12, 40, 52, 56, 64, 108, 124].includes(b[14] ?? 0) },
  {
    name: 'TIFF',
    test: (b) =>
      (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0) ||
      (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0 && b[3] === 0x2a),
  },
  // ISO-BMFF still images (AVIF, HEIC): an ftyp box naming one of their brands
  {
    name: 'AVIF/HEIC',
    test: (b) => ascii(b, 4, 'ftyp') && /^(avi[fs]|hei[cx]|mif1)$/.test(String.fromCharCode(...b.subarray(8, 12))),
  },
];

export const IMAGE_FORMAT_NAMES = FORMATS.map((f) => f.name).join(', ');

/** The image format the bytes start as; null when they are not one of the formats a model server decodes. */
export function imageFormatOf(bytes: Uint8Array): string | null {
  return FORMATS.find((f) => f.test(bytes))?.name ?? null;
}
