// Image bytes → data URIs, for the backends that send images as image_url parts (OpenAI-compatible servers,
// web-llm). Pure (no Buffer, no canvas) so it runs in page, worker and Node alike.
import { EvalError } from '../../core/errors';

const SIGNATURES: { mime: string; test: (b: Uint8Array) => boolean }[] = [
  { mime: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mime: 'image/gif', test: (b) => b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46 },
  { mime: 'image/webp', test: (b) => b[0] === 0x52 && b[1] === 0x49 && b[8] === 0x57 && b[9] === 0x45 },
  { mime: 'image/bmp', test: (b) => b[0] === 0x42 && b[1] === 0x4d },
  {
    mime: 'image/tiff',
    test: (b) => (b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 0x2a),
  },
];

/** MIME type from magic bytes; null when unknown. */
export function sniffImageMime(bytes: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.mime ?? null;
}

/** The MIME type of image bytes; throws dataset/bad-image when they are not a recognised image. */
export function imageMimeOf(bytes: Uint8Array): string {
  const mime = sniffImageMime(bytes);
  if (mime === null)
    throw new EvalError('dataset/bad-image', 'Not a recognised image (JPEG, PNG, GIF, WebP, BMP, TIFF).');
  return mime;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  const out: string[] = [];
  let chunk = '';
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk += B64.charAt(v >> 18) + B64.charAt((v >> 12) & 63) + B64.charAt((v >> 6) & 63) + B64.charAt(v & 63);
    if (chunk.length >= 8192) {
      out.push(chunk);
      chunk = '';
    }
  }
  const rest = n - i;
  if (rest === 1) {
    const v = (bytes[i] ?? 0) << 16;
    chunk += B64.charAt(v >> 18) + B64.charAt((v >> 12) & 63) + '==';
  } else if (rest === 2) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk += B64.charAt(v >> 18) + B64.charAt((v >> 12) & 63) + B64.charAt((v >> 6) & 63) + '=';
  }
  out.push(chunk);
  return out.join('');
}

export function dataUri(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${toBase64(bytes)}`;
}

/** Image bytes as they are (no re-encoding), MIME type sniffed; throws dataset/bad-image for unknown bytes. */
export async function imageDataUri(bytes: Uint8Array): Promise<string> {
  return dataUri(imageMimeOf(bytes), bytes);
}
