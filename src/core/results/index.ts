// Front door of the versioned JSONL results format shared by CLI runs, imports and the app.
export { buildManifest, serializeManifest, serializeResult, orderManifest, orderResult } from './serialize';
export type { ManifestFields } from './serialize';
export { parseResultsJsonl } from './parse';
export type { ResultRun, ParsedResults } from './parse';
export { parsePredictionsJsonl } from './predictions';
export type { Prediction } from './predictions';
export { mergeRuns, mergeRunsReport } from './merge';
export type { MergeReport } from './merge';
export { TORN_LAST_LINE } from './jsonl';
export type { JsonlProblem } from './jsonl';
