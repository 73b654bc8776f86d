// `npm run bench:core`: extraction + scoring throughput and OmniMedVQA-sized loading, as BENCH lines.
import { runExtractAdversarialBench } from './extract-adversarial';
import { runExtractScoreBench } from './extract-score';
import { runLoadBench } from './load';

await runExtractScoreBench();
runExtractAdversarialBench();
await runLoadBench();
