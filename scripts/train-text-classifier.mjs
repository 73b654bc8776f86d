// Regenerates the shipped text-only classifier (src/core/classify/text-classifier.json) from the MedXpertQA items in
// ../shared/datasets/medxpertqa: `npm run train:text-classifier [-- <data dir>]`. tests/unit/cli/classify-shipped.test.ts
// checks the committed file is byte for byte what this makes.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { SHIPPED_TRAIN_ARGS } = await import('../src/cli/classify/shipped-args.ts');
const data = process.argv[2] ?? '../shared/datasets/medxpertqa';
process.exitCode = await main(SHIPPED_TRAIN_ARGS(data, 'src/core/classify/text-classifier.json'));
