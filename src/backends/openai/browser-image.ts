// Browser image encoder (createImageBitmap + OffscreenCanvas, page or worker): images within the pixel cap
// go as they are; larger ones are scaled down and re-encoded (PNG stays PNG, the rest becomes JPEG).
import { EvalError } from '../../core/errors';
import { sniffImageMime } from '../shared/data-uri';
import { fitWithinPixels } from './images';
import type { ImageEncoder } from './types';

const PASS_THROUGH = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function createCanvasImageEncoder(options: { jpegQuality?: number } = {}): ImageEncoder {
  const quality = (options.jpegQuality ?? 92) / 100;
  return async (bytes, maxPixels) => {
    const mime = sniffImageMime(bytes);
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(new Blob([new Uint8Array(bytes)], mime !== null ? { type: mime } : {}));
    } catch (e) {
      throw new EvalError('dataset/bad-image', 'The browser cannot decode this image.', e);
    }
    try {
      const fit = fitWithinPixels(bitmap.width, bitmap.height, maxPixels);
      if (!fit.resized && mime !== null && PASS_THROUGH.has(mime)) return { mime, bytes };
      const canvas = new OffscreenCanvas(fit.width, fit.height);
      const context = canvas.getContext('2d');
      if (context === null) throw new EvalError('backend/canvas', 'No 2D canvas is available to resize images.');
      const type = mime === 'image/png' ? 'image/png' : 'image/jpeg';
      if (type === 'image/jpeg') {
        context.fillStyle = '#ffffff';
        context.fillRect(0, 0, fit.width, fit.height);
      }
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, fit.width, fit.height);
      const blob = await canvas.convertToBlob({ type, quality });
      return { mime: type, bytes: new Uint8Array(await blob.arrayBuffer()) };
    } finally {
      bitmap.close();
    }
  };
}
