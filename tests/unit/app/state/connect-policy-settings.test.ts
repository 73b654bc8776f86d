// The page's connection policy reads the servers from the settings the app's own state classes write: an endpoint
// saved on the Run page, a user model's base URL, a remembered dataset URL and the classifier's endpoint each come
// back as an allowed origin on the next load (lib/pure/connect-policy.ts CONFIG_KEYS).
import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, configuredOrigins, savedUrls } from '../../../../src/app/lib/pure/connect-policy';
import { createMemoryKeyValue } from '../../../../src/app/lib/pure/key-value';
import { SOURCE_KEY } from '../../../../src/app/state/classifier-session.svelte';
import { REMEMBERED_URLS_KEY } from '../../../../src/app/state/dataset-loads.svelte';
import { REMOTE_SETTINGS_KEY, RemoteConfig } from '../../../../src/app/state/remote-config.svelte';
import { USER_MODELS_KEY, UserModels, makeUserModel } from '../../../../src/app/state/user-models.svelte';

const PAGE = 'http://127.0.0.1:4173';

describe('the connection policy and the saved settings', () => {
  it('names every settings key that holds a server', () => {
    for (const key of [REMOTE_SETTINGS_KEY, USER_MODELS_KEY, REMEMBERED_URLS_KEY, SOURCE_KEY])
      expect(CONFIG_KEYS).toContain(key);
  });

  it('allows, on the next load, the endpoints and model URLs the state classes saved', () => {
    const local = createMemoryKeyValue();
    const remote = new RemoteConfig({
      local,
      session: createMemoryKeyValue(),
      check: async () => [],
      protocolOf: () => '',
    });
    remote.endpointsText = 'http://10.1.2.3:8000/v1\nhttps://gpu.example.org/v1';
    remote.save();
    new UserModels(local).add(makeUserModel('https://models.example.net/exports/tiny', 'fp32'));
    local.write(REMEMBERED_URLS_KEY, [{ url: 'https://data.example.com/x.zip', benchmark: 'vqa-rad' }]);
    // Saved state that is not a server setting is not read.
    local.write('medvlm-bench:imports:v1', [{ note: 'https://someone-elses.example/' }]);
    expect(
      configuredOrigins(
        savedUrls((k) => local.read(k)),
        PAGE,
      ),
    ).toEqual([
      'http://10.1.2.3:8000',
      'https://data.example.com',
      'https://gpu.example.org',
      'https://models.example.net',
    ]);
  });

  it('tells the page of the endpoints each time they are saved', () => {
    const told: (readonly string[])[] = [];
    const remote = new RemoteConfig({
      local: createMemoryKeyValue(),
      session: createMemoryKeyValue(),
      check: async () => [],
      protocolOf: () => '',
      configured: (urls) => told.push(urls),
    });
    remote.endpointsText = 'http://10.1.2.3:8000/v1';
    remote.save();
    expect(told).toEqual([['http://10.1.2.3:8000/v1']]);
  });
});
