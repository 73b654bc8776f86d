// Prompt images → data URIs: re-encode through the injected encoder, cache by content.
// Pure (no Buffer, no canvas) so it runs in page, worker and Node alike.
import { dataUri, imageMimeOf } from '../shared/data-uri';
import type { ImageEncoder } from './types';

/** Sends bytes as they are (no resizing): the default where no platform encoder is injected. */
export const passthroughImageEncoder: ImageEncoder = async (bytes) => ({ mime: imageMimeOf(bytes), bytes });

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
    const pending = encode(bytes, maxPixels).then((img) => dataUri(img.mime, img.bytes));
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
