import { createScriptedBackend } from '../../src/backends/scripted';
import { describeModelBackendContract } from './model-backend.contract';

describeModelBackendContract('scripted', async ({ respond, latencyMs, streaming }) => ({
  backend: createScriptedBackend({
    script: ({ promptText }) => respond(promptText),
    latencyMs: ({ promptText }) => latencyMs(promptText),
    streaming,
  }),
}));
