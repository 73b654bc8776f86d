// A Run page setup (SetupChoice) for the run-plan tests: a browser run of VQA-RAD, with a remote server filled in.
import type { SetupChoice } from '../../../src/app/lib/pure/run-plan';

export const setupChoice = (over: Partial<SetupChoice>): SetupChoice => ({
  target: 'browser',
  browserModel: '',
  remoteModel: 'qwen2.5-vl-72b',
  device: 'auto',
  benchmarks: ['vqa-rad'],
  maxNewTokens: 2048,
  maxPixels: 12_845_056,
  remote: { endpoints: ['http://127.0.0.1:8000/v1'], servedName: 'Qwen/Qwen2.5-VL-72B-Instruct', concurrency: 8 },
  ...over,
});
