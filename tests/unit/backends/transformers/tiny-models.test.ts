import { InferenceSession } from 'onnxruntime-node';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTinyModel, TINY_FAMILIES } from '../../../fixtures/tiny-models';
import { writeTinyModels } from '../../../fixtures/tiny-models/write';

describe('tiny model generator', () => {
  let dirs: ReturnType<typeof writeTinyModels>;
  beforeAll(() => {
    dirs = writeTinyModels();
  });

  it('is deterministic: two builds are byte-identical', () => {
    const a = buildTinyModel('qwen2.5-vl').files;
    const b = buildTinyModel('qwen2.5-vl').files;
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [k, v] of a) expect(Buffer.compare(Buffer.from(v), Buffer.from(b.get(k) ?? ''))).toBe(0);
  });

  it('gives each family its own weights', () => {
    const a = buildTinyModel('qwen2-vl').files.get('onnx/decoder_model_merged.onnx');
    const b = buildTinyModel('qwen2.5-vl').files.get('onnx/decoder_model_merged.onnx');
    expect(a).toBeInstanceOf(Uint8Array);
    expect(Buffer.compare(Buffer.from(a ?? ''), Buffer.from(b ?? ''))).not.toBe(0);
  });

  it('stays small (a few hundred kB per model) and fast to build', () => {
    const t0 = performance.now();
    for (const f of TINY_FAMILIES) {
      const bytes = [...buildTinyModel(f).files.values()].reduce((n, v) => n + v.length, 0);
      expect(bytes).toBeLessThan(600_000);
    }
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it.each(['qwen2-vl', 'qwen2.5-vl', 'gme'] as const)(
    '%s: the ONNX files load in onnxruntime with the layout transformers.js expects',
    async (family) => {
      const dir = dirs[family];
      const vision = await InferenceSession.create(join(dir, 'onnx/vision_encoder.onnx'));
      expect(vision.inputNames).toEqual(['pixel_values', family === 'qwen2.5-vl' ? 'image_grid_thw' : 'grid_thw']);
      expect(vision.outputNames).toEqual(['image_features']);
      const embed = await InferenceSession.create(join(dir, 'onnx/embed_tokens.onnx'));
      expect(embed.inputNames).toEqual(['input_ids']);
      expect(embed.outputNames).toEqual(['inputs_embeds']);
      const decoder = await InferenceSession.create(join(dir, 'onnx/decoder_model_merged.onnx'));
      if (family === 'gme') {
        expect(decoder.inputNames).toEqual(['inputs_embeds', 'attention_mask', 'position_ids']);
        expect(decoder.outputNames).toEqual(['last_hidden_state']);
      } else {
        expect(decoder.inputNames).toContain('past_key_values.1.value');
        expect(decoder.outputNames).toEqual([
          'present.0.key',
          'present.0.value',
          'present.1.key',
          'present.1.value',
          'logits',
        ]);
        // kv heads and head dim are fixed numbers: transformers.js builds the empty first cache from them.
        const meta = decoder.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
        expect(meta && 'shape' in meta ? meta.shape : null).toEqual(['batch_size', 2, 'past_sequence_length', 16]);
      }
    },
  );

  it('writes config, tokenizer and processor files with the fields transformers.js reads', () => {
    const config = JSON.parse(readFileSync(join(dirs['qwen2.5-vl'], 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(config['model_type']).toBe('qwen2_5_vl');
    expect((config['text_config'] as Record<string, unknown>)['hidden_size']).toBe(32);
    expect(config['image_token_id']).toBeTypeOf('number');
    const q2 = JSON.parse(readFileSync(join(dirs['qwen2-vl'], 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(q2['hidden_size']).toBe(32);
    const tok = JSON.parse(readFileSync(join(dirs['qwen2-vl'], 'tokenizer_config.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(String(tok['chat_template'])).toContain('<|vision_start|><|image_pad|><|vision_end|>');
    const pre = JSON.parse(readFileSync(join(dirs.gme, 'preprocessor_config.json'), 'utf8')) as Record<string, unknown>;
    expect(pre['max_pixels']).toBe(1280 * 28 * 28);
  });
});
