import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fitWithinPixels, passthroughImageEncoder } from '../../../../src/backends/openai';
import { createDataUriCache } from '../../../../src/backends/openai/images';
import { createSharpImageEncoder } from '../../../../src/backends/openai/node-image';
import { TINY_PNG } from './helpers';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } });

describe('image encoding', () => {
  it('fits within a pixel budget keeping the aspect ratio, never upscaling', () => {
    expect(fitWithinPixels(100, 50, undefined)).toEqual({ width: 100, height: 50, resized: false });
    expect(fitWithinPixels(100, 50, 5000)).toEqual({ width: 100, height: 50, resized: false });
    const fit = fitWithinPixels(4000, 3000, 1_003_520);
    expect(fit.resized).toBe(true);
    expect(fit.width * fit.height).toBeLessThanOrEqual(1_003_520);
    expect(Math.abs(fit.width / fit.height - 4 / 3)).toBeLessThan(0.01);
    expect(fit.width * fit.height).toBeGreaterThan(1_003_520 * 0.99);
  });

  it('passes known formats through untouched', async () => {
    const jpeg = new Uint8Array(await solid(8, 8).jpeg().toBuffer());
    expect((await passthroughImageEncoder(jpeg, undefined)).bytes).toBe(jpeg);
    await expect(passthroughImageEncoder(new Uint8Array([1, 2, 3, 4]), undefined)).rejects.toMatchObject({
      code: 'dataset/bad-image',
    });
  });

  it('sharp encoder: small images go as they are, large ones are capped and re-encoded', async () => {
    const encode = createSharpImageEncoder();
    const small = new Uint8Array(await solid(40, 30).jpeg().toBuffer());
    expect((await encode(small, 10_000)).bytes).toBe(small);
    const big = new Uint8Array(await solid(400, 300).png().toBuffer());
    const capped = await encode(big, 10_000);
    expect(capped.mime).toBe('image/png');
    const meta = await sharp(capped.bytes).metadata();
    expect((meta.width ?? 0) * (meta.height ?? 0)).toBeLessThanOrEqual(10_000);
    expect(meta.width).toBeGreaterThan(meta.height ?? 0);
    const tiff = new Uint8Array(await solid(20, 20).tiff().toBuffer());
    expect((await encode(tiff, undefined)).mime).toBe('image/jpeg');
    await expect(encode(new Uint8Array([0xff, 0xd8, 0xff, 0]), undefined)).rejects.toMatchObject({
      code: 'dataset/bad-image',
    });
  });

  it('caches data URIs by content and cap', async () => {
    let calls = 0;
    const cache = createDataUriCache(async (bytes) => {
      calls += 1;
      return { mime: 'image/png', bytes };
    }, 2);
    const a = await cache(TINY_PNG, undefined);
    expect(a).toBe(`data:image/png;base64,${Buffer.from(TINY_PNG).toString('base64')}`);
    await cache(new Uint8Array(TINY_PNG), undefined);
    expect(calls).toBe(1);
    await cache(TINY_PNG, 100);
    expect(calls).toBe(2);
  });
});
