// Prompt rendering per benchmark shape (hand-built items), the template as data, and message layout.

import { describe, expect, it } from 'vitest';
import {
  buildMessages,
  buildPromptText,
  DEFAULT_PROMPT,
  PROMPT_VERSION,
  type PromptTemplate,
} from '../../../../src/core/prompt';
import type { BenchmarkId, ImageRef, Item, Option } from '../../../../src/core/types';

const opts = (...texts: string[]): Option[] => texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
const img = (path: string): ImageRef => ({ path, present: true });

function item(benchmark: BenchmarkId, question: string, options: Option[], images: ImageRef[], answer = 'A'): Item {
  return { id: `${benchmark}-1`, benchmark, variant: 'default', question, options, answer, images, meta: {} };
}

const MEDXPERT = item(
  'medxpertqa',
  'A 45-year-old woman presents with acute abdominal pain. Based on the CT image, what is the most likely diagnosis?',
  opts('Acute appendicitis', 'Mesenteric ischemia', 'Small bowel obstruction', 'Diverticulitis', 'Ovarian torsion'),
  [img('images/MM-1-a.jpeg'), img('images/MM-1-b.jpeg')],
);
const PATHVQA = item('pathvqa', 'Is there evidence of necrosis?', opts('yes', 'no'), [img('test.parquet#12/image')]);
const VQARAD = item(
  'vqa-rad',
  'Is the liver enlarged?  ',
  opts('yes', 'no'),
  [img('VQA_RAD Image Folder/synpic123.jpg')],
  'B',
);
const SLAKE = item('slake', 'Which organ is abnormal, liver or spleen?', opts('liver', 'spleen'), [
  img('imgs/xmlab1/source.jpg'),
]);
const MMMU = item(
  'mmmu-med',
  'Compare <image 1> and <image 2>. Which structure is marked?',
  opts('The aorta in <image 1>', 'The vena cava', 'The portal vein', 'The renal artery'),
  [img('validation.parquet#3/image_1'), img('validation.parquet#3/image_2')],
);
const PMC = item('pmc-vqa', 'What imaging modality was used?', opts('CT', 'MRI', 'X-ray', 'Ultrasound'), [
  img('figures/PMC1.jpg'),
]);
const OMNIMED = item(
  'omnimedvqa',
  'What abnormality is seen in this fundus image?',
  opts('Diabetic retinopathy', 'Glaucoma', 'Cataract', 'Normal'),
  [img('Images/ACRIMA/Im001.png')],
);

describe('DEFAULT_PROMPT', () => {
  it('is versioned data carrying the paper sentence', () => {
    expect(DEFAULT_PROMPT.version).toBe('cot-boxed-v1');
    expect(PROMPT_VERSION).toBe(DEFAULT_PROMPT.version);
    expect(DEFAULT_PROMPT.instruction).toBe('Please reason step by step, and put the final answer in \\boxed{}.');
  });
});

describe('buildPromptText per benchmark', () => {
  it('MedXpertQA: five options', () => {
    expect(buildPromptText(MEDXPERT)).toMatchInlineSnapshot(`
      "A 45-year-old woman presents with acute abdominal pain. Based on the CT image, what is the most likely diagnosis?

      A. Acute appendicitis
      B. Mesenteric ischemia
      C. Small bowel obstruction
      D. Diverticulitis
      E. Ovarian torsion

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('PathVQA: yes/no', () => {
    expect(buildPromptText(PATHVQA)).toMatchInlineSnapshot(`
      "Is there evidence of necrosis?

      A. yes
      B. no

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('VQA-RAD: yes/no, trailing spaces trimmed', () => {
    expect(buildPromptText(VQARAD)).toMatchInlineSnapshot(`
      "Is the liver enlarged?

      A. yes
      B. no

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('SLAKE: either/or', () => {
    expect(buildPromptText(SLAKE)).toMatchInlineSnapshot(`
      "Which organ is abnormal, liver or spleen?

      A. liver
      B. spleen

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('MMMU: <image n> placeholders in question and options', () => {
    expect(buildPromptText(MMMU)).toMatchInlineSnapshot(`
      "Compare [Image 1] and [Image 2]. Which structure is marked?

      A. The aorta in [Image 1]
      B. The vena cava
      C. The portal vein
      D. The renal artery

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('PMC-VQA: four options', () => {
    expect(buildPromptText(PMC)).toMatchInlineSnapshot(`
      "What imaging modality was used?

      A. CT
      B. MRI
      C. X-ray
      D. Ultrasound

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
  it('OmniMedVQA: four options', () => {
    expect(buildPromptText(OMNIMED)).toMatchInlineSnapshot(`
      "What abnormality is seen in this fundus image?

      A. Diabetic retinopathy
      B. Glaucoma
      C. Cataract
      D. Normal

      Please reason step by step, and put the final answer in \\boxed{}."
    `);
  });
});

describe('buildPromptText structure', () => {
  it('is question, blank line, option lines, blank line, instruction', () => {
    for (const x of [MEDXPERT, PATHVQA, VQARAD, SLAKE, MMMU, PMC, OMNIMED]) {
      const blocks = buildPromptText(x).split('\n\n');
      expect(blocks).toHaveLength(3);
      expect(blocks[1]?.split('\n')).toEqual(
        x.options.map((o) => `${o.letter}. ${o.text.replace(/<image (\d+)>/g, '[Image $1]')}`),
      );
      expect(blocks[2]).toBe(DEFAULT_PROMPT.instruction);
      expect(blocks[0]).not.toMatch(/<image/);
    }
  });

  it('follows another template given as data', () => {
    const t: PromptTemplate = {
      version: 'test-v9',
      instruction: 'Answer with a letter.',
      optionFormat: '({letter}) {text}',
      imageLabel: '<img{n}>',
    };
    expect(buildPromptText(MMMU, t)).toBe(
      'Compare <img1> and <img2>. Which structure is marked?\n\n(A) The aorta in <img1>\n(B) The vena cava\n(C) The portal vein\n(D) The renal artery\n\nAnswer with a letter.',
    );
  });

  it('keeps $ sequences in option texts literally', () => {
    const odd = item('pmc-vqa', 'Cost?', opts("$& and $' and $1"), []);
    expect(buildPromptText(odd).split('\n\n')[1]).toBe("A. $& and $' and $1");
  });
});

describe('buildMessages', () => {
  it('is one user message with the images in order before the text', () => {
    const messages = buildMessages(MEDXPERT);
    expect(messages).toHaveLength(1);
    const [m] = messages;
    expect(m?.role).toBe('user');
    expect(m?.content.map((p) => p.type)).toEqual(['image', 'image', 'text']);
    expect(m?.content.slice(0, 2).map((p) => (p.type === 'image' ? p.image.path : null))).toEqual(
      MEDXPERT.images.map((i) => i.path),
    );
    expect(m?.content[2]).toEqual({ type: 'text', text: buildPromptText(MEDXPERT) });
  });

  it('has only the text part for an item without images', () => {
    expect(buildMessages({ ...PMC, images: [] })[0]?.content).toEqual([{ type: 'text', text: buildPromptText(PMC) }]);
  });
});
