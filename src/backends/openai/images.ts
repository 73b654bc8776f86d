// Prompt images → data URIs: sniff the format, re-encode through the injected encoder, cache by content.
// Pure (no Buffer, no canvas) so it runs in page, worker and Node alike.
import { EvalError } from '../../core/errors';
import type { ImageEncoder } from './types';

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

/** Sends bytes as they are (no resizing): the default where no platform encoder is injected. */
export const passthroughImageEncoder: ImageEncoder = async (bytes) => {
  const mime = sniffImageMime(bytes);
  if (mime === null)
    throw new EvalError('dataset/bad-image', 'Not a recognised image (JPEG, PNG, GIF, WebP, BMP, TIFF).');
  return { mime, bytes };
};

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

/** FNV-1a over the bytes: a cache key that tells two images with the same path apart. */
function fingerprint(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i] ?? 0;
    h = Math.imul(h, 0x01000193);
  }
  return `${bytes.length}:${(h >>> 0).toString(16)}`;
}

/** Encodes images to data URIs, remembering the last few (one image often serves several questions). */
export function createDataUriCache(
  encode: ImageEncoder,
  capacity = 32,
): (bytes: Uint8Array, maxPixels: number | undefined) => Promise<string> {
  const cache = new Map<string, Promise<string>>();
  return (bytes, maxPixels) => {
    const key = `${fingerprint(bytes)}|${maxPixels ?? ''}`;
    const hit = cache.get(key);
    if (hit !== undefined) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const pending = encode(bytes, maxPixels).then((img) => `data:${img.mime};base64,${toBase64(img.bytes)}`);
    pending.catch(() => cache.delete(key));
    cache.set(key, pending);
    if (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return pending;
  };
}

/** Target size keeping the aspect ratio so that width × height ≤ maxPixels (never upscales). */
export function fitWithinPixels(
  width: number,
  height: number,
  maxPixels: number | undefined,
): { width: number; height: number; resized: boolean } {
  if (maxPixels === undefined || width * height <= maxPixels) return { width, height, resized: false };
  const scale = Math.sqrt(maxPixels / (width * height));
  let w = Math.max(1, Math.floor(width * scale));
  let h = Math.max(1, Math.floor(height * scale));
  while (w * h > maxPixels && (w > 1 || h > 1)) {
    if (w >= h) w -= 1;
    else h -= 1;
  }
  return { width: w, height: h, resized: true };
}
