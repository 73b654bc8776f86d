// The text-only classifier shipped with the app (trained by scripts/train-text-classifier.mjs on the MedXpertQA
// items in ../shared; a test checks this file is exactly what the script makes). Checked by the schema once.
import raw from './text-classifier.json';
import { type ClassifierFile, checkClassifierFile } from './file';

let checked: ClassifierFile | null = null;

export function shippedTextClassifier(): ClassifierFile {
  checked ??= checkClassifierFile(raw, 'the shipped text classifier (src/core/classify/text-classifier.json)');
  return checked;
}
