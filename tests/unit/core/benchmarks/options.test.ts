import { describe, expect, it } from 'vitest';
import { deriveAlternatives, matchGold, optionsFromTexts } from '../../../../src/core/benchmarks/options';

describe('deriveAlternatives', () => {
  const cases: [string, string[] | null][] = [
    ['Which is bigger in this image, liver or spleen?', ['liver', 'spleen']],
    ['Which is the biggest in this image,lung,liver or heart?', ['lung', 'liver', 'heart']],
    ['Where is the abnormality located,left,top or upper left?', ['left', 'top', 'upper left']],
    ['Which side of lung is abnormal in this image,left or right?', ['left', 'right']],
    ['In this image, which is bigger, kidney or liver?', ['kidney', 'liver']],
    ['Is this an MRI or a CT scan?', ['MRI', 'CT']],
    ['Are the pleural opacities bilateral or unilateral?', ['bilateral', 'unilateral']],
    ['Was a CT or MRI used to take the above image?', ['CT', 'MRI']],
    ['Is this a T1 weighted or T2 weighted image?', ['T1 weighted', 'T2 weighted']],
    ['What organ is shown?', null],
    ['Is the mass in the orbit?', null],
    ['Is this a or b?', null],
  ];
  it.each(cases)('%s', (question, expected) => {
    expect(deriveAlternatives(question)).toEqual(expected);
  });
});

describe('matchGold', () => {
  const options = optionsFromTexts([' Retinal fundus imaging. ', 'MRI', 'mri']);
  it('matches exactly after trimming, or case-insensitively when asked', () => {
    expect(matchGold(options, 'Retinal fundus imaging.', false)).toEqual({ letter: 'A' });
    expect(matchGold(options, 'MRI', false)).toEqual({ letter: 'B' });
    expect(matchGold(options, 'MRI', true)).toMatchObject({ problem: 'gold-ambiguous' });
    expect(matchGold(options, 'Retinal fundus imaging', false)).toMatchObject({ problem: 'gold-not-in-options' });
  });
});
