// A classifier file in words: what `classify report` prints and what the README quotes.
import type { ClassifierFile } from './file';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

export function describeClassifier(c: ClassifierFile): string {
  const cv = c.cv;
  const m = cv.confusion;
  const label =
    c.embedding.source === 'text'
      ? 'TEXT-ONLY features (no image: a demo fallback, not the paper’s gme classifier)'
      : c.embedding.source === 'gme'
        ? 'gme embeddings'
        : 'embeddings from a remote endpoint';
  return [
    `classifier ${c.id}`,
    `  features      ${c.embedding.name} (${label}), dimension ${c.embedding.dim}`,
    `  trained on    MedXpertQA ${c.training.variants.join(' + ')}: ${c.training.n} items, ` +
      `${c.training.reasoning} reasoning / ${c.training.understanding} understanding (data ${c.training.dataHash.slice(0, 12)})`,
    `  model         logistic regression, L2 ${c.model.l2}, class weights reasoning ${c.model.classWeights.reasoning} / ` +
      `understanding ${c.model.classWeights.understanding}, threshold ${c.model.threshold}`,
    `  ${cv.folds}-fold CV    (stratified, seed ${cv.seed}, out-of-fold scores pooled)`,
    `    ROC AUC            ${cv.auc.toFixed(3)}  (folds ${cv.foldAuc.map((a) => a.toFixed(3)).join(' ')})`,
    `    accuracy           ${pct(cv.accuracy)}  (majority-class baseline ${pct(cv.majorityBaseline)})`,
    `    balanced accuracy  ${pct(cv.balancedAccuracy)}  (majority-class baseline 50.0%)`,
    `    at threshold 0.5   accuracy ${pct(cv.accuracyAtHalf)}, balanced ${pct(cv.balancedAccuracyAtHalf)}`,
    `    confusion (rows true, columns predicted)`,
    `                       reasoning  understanding`,
    `      reasoning        ${String(m.tp).padStart(9)}  ${String(m.fn).padStart(13)}`,
    `      understanding    ${String(m.fp).padStart(9)}  ${String(m.tn).padStart(13)}`,
    '',
  ].join('\n');
}
