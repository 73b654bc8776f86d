// Samples of a benchmark's items: size and seed parsing, the seeded stratified draw, and its manifest record.
export { MAX_SAMPLE_SEED, formatSampleSize, parseSampleSeed, parseSampleSize, sampleCount } from './size';
export type { SampleSize } from './size';
export { allocate, drawSample } from './stratified';
export type { DrawnSample, SampleOptions, StratumCount } from './stratified';
export { describeSample, describeSampleInfo, sampleKey, sampleSummary } from './describe';
