// The one command line the shipped text classifier is made with: the script and its test share it.
export const SHIPPED_TRAIN_ARGS = (data: string, out: string): string[] => [
  'classify',
  'train',
  '--benchmark',
  'medxpertqa',
  '--data',
  data,
  '--embeddings',
  'text',
  '--out',
  out,
];
