// The Qwen2-VL image processor's output (pixel_values as flattened patches, image_grid_thw) computed in one pass.
// transformers.js builds it with two generic permutes (HWC→CHW, then a 9-axis patch permute) and a temporal tile;
// its generic permute costs a modulo and a division per axis per element, which made image preprocessing about
// half of a run's CPU in the inference worker (profiled with `npm run bench:app`). Here the same values come from a
// per-channel lookup table (rescale and normalize applied exactly as transformers.js does, in float32) written
// straight into patch order. Resizing stays transformers.js's own (ip.resize), so the pixels are the same; a
// processor with any option this path does not reproduce (crop, pad, thumbnail, channel flip, ...) falls back to
// calling the processor. Tests hold the two paths bit-equal.

import { Qwen2VLImageProcessor, Tensor, type RawImage } from '@huggingface/transformers';

/** The image processor fields the fast path reads (transformers.js ImageProcessor / Qwen2VLImageProcessor). */
export interface QwenImageProcessorFields {
  config: { merge_size?: number; patch_size?: number; temporal_patch_size?: number };
  do_convert_rgb?: boolean;
  do_resize?: boolean;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number | number[];
  image_std?: number | number[];
  do_center_crop?: boolean;
  do_thumbnail?: boolean;
  do_crop_margin?: boolean;
  do_pad?: boolean;
  do_flip_channel_order?: boolean;
  resize?: (image: RawImage) => Promise<RawImage>;
}

export interface PatchPlan {
  patchSize: number;
  mergeSize: number;
  temporalPatchSize: number;
  convertRgb: boolean;
  resize: ((image: RawImage) => Promise<RawImage>) | null;
  /** value = lut[channel * 256 + byte], the rescaled and normalized float32 of that byte. */
  lut: Float32Array;
}

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n > 0;

function perChannel(v: number | number[] | undefined): number[] | null {
  if (typeof v === 'number') return [v, v, v];
  if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number')) return v;
  return null;
}

/** The fast path's plan for this processor, or null when the processor does something the fast path does not. */
export function patchPlanOf(ip: QwenImageProcessorFields): PatchPlan | null {
  // Only Qwen2VLImageProcessor's own _call is reproduced (subclasses may change the resize rule, not the patching).
  if (
    !(ip instanceof Qwen2VLImageProcessor) ||
    (ip as { _call?: unknown })._call !== Qwen2VLImageProcessor.prototype._call
  )
    return null;
  const { patch_size: patchSize, merge_size: mergeSize, temporal_patch_size: temporalPatchSize } = ip.config;
  if (!isCount(patchSize) || !isCount(mergeSize) || !isCount(temporalPatchSize)) return null;
  if (ip.do_center_crop || ip.do_thumbnail || ip.do_crop_margin || ip.do_pad || ip.do_flip_channel_order) return null;
  if (ip.do_resize && typeof ip.resize !== 'function') return null;
  const normalize = ip.do_normalize === true;
  const mean = normalize ? perChannel(ip.image_mean) : [0, 0, 0];
  const std = normalize ? perChannel(ip.image_std) : [1, 1, 1];
  if (mean === null || std === null) return null;
  const rescale = ip.do_rescale === true;
  if (rescale && typeof ip.rescale_factor !== 'number') return null;
  const factor = ip.rescale_factor ?? 1;
  const lut = new Float32Array(3 * 256);
  const f32 = new Float32Array(1);
  for (let c = 0; c < 3; c++) {
    for (let b = 0; b < 256; b++) {
      // As transformers.js: Float32Array.from(bytes); x = factor * x (stored f32); x = (x - mean) / std (stored f32).
      f32[0] = b;
      if (rescale) f32[0] = factor * (f32[0] as number);
      if (normalize) f32[0] = ((f32[0] as number) - (mean[c] as number)) / (std[c] as number);
      lut[c * 256 + b] = f32[0] as number;
    }
  }
  return {
    patchSize,
    mergeSize,
    temporalPatchSize,
    convertRgb: ip.do_convert_rgb ?? true,
    resize: ip.do_resize && ip.resize ? ip.resize.bind(ip) : null,
    lut,
  };
}

export interface Patches {
  /** [gridH * gridW, 3 * temporalPatchSize * patchSize²] in the processor's row order. */
  values: Float32Array;
  rows: number;
  cols: number;
  gridH: number;
  gridW: number;
}

/**
 * HWC RGB bytes (height and width multiples of patchSize × mergeSize) → flattened patches in the order of
 * transformers.js's `view(t, T, C, H/m, m, p, W/m, m, p).permute(0, 3, 6, 4, 7, 2, 1, 5, 8)`, one frame tiled over
 * the temporal patch.
 */
export function patchesOf(data: ArrayLike<number>, height: number, width: number, plan: PatchPlan): Patches {
  const { patchSize: p, mergeSize: m, temporalPatchSize: tp, lut } = plan;
  if (height % (p * m) !== 0 || width % (p * m) !== 0) {
    throw new Error(`image ${width}×${height} is not a multiple of ${p * m} on each side`);
  }
  if (data.length !== height * width * 3)
    throw new Error(`expected ${height * width * 3} RGB bytes, got ${data.length}`);
  const gridH = height / p;
  const gridW = width / p;
  const plane = p * p;
  const cols = 3 * tp * plane;
  const rows = gridH * gridW;
  const values = new Float32Array(rows * cols);
  let row = 0;
  for (let bh = 0; bh < gridH / m; bh++) {
    for (let bw = 0; bw < gridW / m; bw++) {
      for (let mh = 0; mh < m; mh++) {
        for (let mw = 0; mw < m; mw++) {
          const y0 = (bh * m + mh) * p;
          const x0 = (bw * m + mw) * p;
          const base = row * cols;
          for (let c = 0; c < 3; c++) {
            const out = base + c * tp * plane;
            const table = c * 256;
            let o = out;
            for (let py = 0; py < p; py++) {
              let src = ((y0 + py) * width + x0) * 3 + c;
              for (let px = 0; px < p; px++, src += 3) values[o++] = lut[table + (data[src] as number)] as number;
            }
            for (let t = 1; t < tp; t++) values.copyWithin(out + t * plane, out, out + plane);
          }
          row++;
        }
      }
    }
  }
  return { values, rows, cols, gridH, gridW };
}

/** The processor's { pixel_values, image_grid_thw } for one image through the fast path; null if it is not RGB. */
export async function fastQwenImageInputs(
  image: RawImage,
  plan: PatchPlan,
): Promise<{ pixel_values: Tensor; image_grid_thw: Tensor } | null> {
  let img = plan.convertRgb ? image.rgb() : image;
  if (img.channels !== 3) return null;
  if (plan.resize) img = await plan.resize(img);
  const { patchSize: p, mergeSize: m } = plan;
  if (img.height % (p * m) !== 0 || img.width % (p * m) !== 0) return null;
  const patches = patchesOf(img.data, img.height, img.width, plan);
  return {
    pixel_values: new Tensor('float32', patches.values, [patches.rows, patches.cols]),
    image_grid_thw: new Tensor('int64', [1, patches.gridH, patches.gridW], [1, 3]),
  };
}
