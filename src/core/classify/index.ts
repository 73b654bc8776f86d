// Front door of the understanding/reasoning classifier (protocol §4): feature sources behind one interface,
// logistic regression with stratified CV, the classifier file, applying it, and the tags files Tables 2–3 read.
export { fitLogistic, linearScores, objective, sigmoid } from './logistic';
export type { LogisticFit, LogisticModel, LogisticOptions, Matrix } from './logistic';
export { accuracyOf, balancedAccuracyOf, bestThreshold, confusionAt, rocAuc, rocCurve } from './metrics';
export type { Confusion, RocPoint } from './metrics';
export { balancedWeights, crossValidate, stratifiedFolds } from './cv';
export type { CvReport } from './cv';
export {
  CLASSIFIER_FORMAT,
  CLASSIFIER_VERSION,
  EMBEDDING_SOURCES,
  checkClassifierFile,
  parseClassifierFile,
  serializeClassifierFile,
} from './file';
export type { ClassifierCv, ClassifierFile, EmbeddingSource } from './file';
export { TEXT_FEATURES_DIM, TEXT_FEATURES_NAME, itemTextFeatures, textFeatures } from './text-features';
export {
  MemoryVectorCache,
  TEXT_ITEM_FEATURES,
  cachedFeatures,
  embedText,
  embedderFeatures,
  itemContentHash,
} from './features';
export type { ImageReader, ItemFeatures, VectorCache } from './features';
export { DEFAULT_TRAIN, toMatrix, trainClassifier, trainingDataHash } from './train';
export type { TrainOptions, TrainingExample } from './train';
export { checkFeaturesMatch, scoreVector, scorer, tagItems } from './apply';
export type { ApplyOptions } from './apply';
export { TAGS_FORMAT_VERSION, parseTags, serializeTags, tagSetOf, tagsHeader } from './tags';
export type { TagLine, TagSet, TagsFile, TagsHeader, TagsSummary } from './tags';
export { describeClassifier } from './report';
