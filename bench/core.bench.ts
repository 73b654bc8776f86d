// `npm run bench:core`: extraction + scoring throughput and OmniMedVQA-sized loading, as BENCH lines.
import { runExtractScoreBench } from './extract-score';
import { runLoadBench } from './load';

await runExtractScoreBench();
await runLoadBench();
