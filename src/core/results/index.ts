// Front door of the versioned JSONL results format shared by CLI runs, imports and the app.
export { buildManifest, serializeManifest, serializeResult, orderManifest, orderResult } from './serialize';
export type { ManifestFields } from './serialize';
export { createResultsReader, parseResultsJsonl } from './parse';
export type { ResultRun, ParsedResults } from './parse';
export { createPredictionsReader, parsePredictionsJsonl } from './predictions';
export type { ParsedPredictions, Prediction } from './predictions';
export { mergeRuns, mergeRunsReport } from './merge';
export type { MergeReport } from './merge';
export { MAX_LINE_CHARS, TORN_LAST_LINE } from './jsonl';
export type { JsonlProblem } from './jsonl';
export { KEPT_PROBLEMS, SHOWN_PROBLEMS, formatProblems } from './problems';
export type { ProblemList } from './problems';
export { MAX_PLAUSIBLE_TOKENS } from './checks';
