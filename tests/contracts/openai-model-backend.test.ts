import { createOpenAIBackend } from '../../src/backends/openai';
import { startOpenAITestServer } from '../support/openai-test-server';
import { describeModelBackendContract } from './model-backend.contract';

describeModelBackendContract('openai (against the test server)', async ({ respond, latencyMs, streaming }) => {
  const server = await startOpenAITestServer({
    respond: (r) => respond(r.promptText),
    latencyMs: (r) => latencyMs(r.promptText),
  });
  return {
    backend: createOpenAIBackend({
      model: 'test-model',
      endpoints: [{ url: server.url, maxInFlight: 8 }],
      stream: streaming,
    }),
    cleanup: () => server.close(),
  };
});
