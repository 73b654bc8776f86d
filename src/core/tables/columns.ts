// The seven columns of Tables 1–3 in the paper's order, with the paper's header labels.
import type { TableColumn } from './types';

export const TABLE_COLUMNS: readonly TableColumn[] = Object.freeze([
  { benchmark: 'medxpertqa', label: 'MedXpert' },
  { benchmark: 'omnimedvqa', label: 'OmniMedVQA' },
  { benchmark: 'pmc-vqa', label: 'PMC-VQA' },
  { benchmark: 'pathvqa', label: 'PathVQA' },
  { benchmark: 'mmmu-med', label: 'MMMU' },
  { benchmark: 'slake', label: 'SLAKE' },
  { benchmark: 'vqa-rad', label: 'VQA-RAD' },
] as const);

export const TABLE_TITLES: Readonly<Record<1 | 2 | 3, string>> = Object.freeze({
  1: 'Table 1. Accuracy on all items',
  2: 'Table 2. Accuracy on reasoning items',
  3: 'Table 3. Accuracy on understanding items',
});

export const GROUP_LABELS = Object.freeze({
  general: 'General-purpose VLMs',
  medical: 'Medical-specific VLMs',
  other: 'Other',
} as const);
