// Node image encoder (sharp): images within the pixel cap go as they are; larger ones, or formats servers
// may not decode (TIFF, BMP), are scaled down and re-encoded (PNG stays PNG, the rest becomes JPEG).
import { EvalError } from '../../core/errors';
import { sniffImageMime } from '../shared/data-uri';
import { messageOf } from '../shared/errors';
import { fitWithinPixels } from './images';
import type { ImageEncoder } from './types';

const PASS_THROUGH = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function createSharpImageEncoder(options: { jpegQuality?: number } = {}): ImageEncoder {
  const quality = options.jpegQuality ?? 92;
  return async (bytes, maxPixels) => {
    const { default: sharp } = await import('sharp');
    const mime = sniffImageMime(bytes);
    let width: number | undefined;
    let height: number | undefined;
    try {
      ({ width, height } = await sharp(bytes).metadata());
    } catch (e) {
      throw new EvalError('dataset/bad-image', `The image cannot be decoded (${messageOf(e)}).`, e);
    }
    if (width === undefined || height === undefined)
      throw new EvalError('dataset/bad-image', 'The image has no dimensions.');
    const fit = fitWithinPixels(width, height, maxPixels);
    if (!fit.resized && mime !== null && PASS_THROUGH.has(mime)) return { mime, bytes };
    // no rotation from EXIF: the server's PIL does not apply it either, so the model sees the same pixels
    const pipeline = sharp(bytes).resize(fit.width, fit.height, { fit: 'fill' }).toColourspace('srgb');
    if (mime === 'image/png') return { mime: 'image/png', bytes: new Uint8Array(await pipeline.png().toBuffer()) };
    return {
      mime: 'image/jpeg',
      bytes: new Uint8Array(await pipeline.flatten({ background: '#ffffff' }).jpeg({ quality }).toBuffer()),
    };
  };
}
