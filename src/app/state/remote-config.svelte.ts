// The OpenAI-compatible server the Run page talks to: base URLs, served model name, concurrency (saved in
// localStorage) and the API key — kept in sessionStorage for this tab unless the user ticks "remember", then in
// localStorage. The key never goes into run manifests, results, exports or the saved settings. Also the connection
// test, with each server's own words and the protocol it answered with.
import { checkEndpoints, normalizeBaseUrl } from '../../backends/openai';
import type { CheckOptions, EndpointCheck } from '../../backends/openai';
import { ensureConnectable, noteConfigured } from '../lib/dom/connect-policy';
import { protocolOf } from '../lib/dom/resource-timing';
import { webStorage } from '../lib/dom/web-storage';
import { describeConnectionCap } from '../lib/pure/connection-note';
import type { ConnectionNote } from '../lib/pure/connection-note';
import { describeError } from '../lib/pure/errors';
import { asRecord } from '../lib/pure/key-value';
import type { KeyValueStore } from '../lib/pure/key-value';

export const REMOTE_SETTINGS_KEY = 'medvlm-bench:remote:v1';
const API_KEY = 'medvlm-bench:api-key';

export interface RemoteSettings {
  /** One base URL per line. */
  endpointsText: string;
  /** The name the server serves the model under. */
  servedName: string;
  concurrency: number;
}

export interface RemoteConfigDeps {
  /** Kept across sessions (localStorage). */
  local: KeyValueStore;
  /** Kept for this tab (sessionStorage). */
  session: KeyValueStore;
  /** Asks each server for its models (backends/openai in the page). */
  check(urls: readonly string[], options: CheckOptions): Promise<EndpointCheck[]>;
  /** The protocol a finished request used ('' when unknown). */
  protocolOf(url: string): string;
  /** The page's origin, for the CORS advice. */
  pageOrigin?: string;
  /** Told of the endpoints each time they are saved (the page's connection policy notes new servers). */
  configured?: (urls: readonly string[]) => void;
}

const DEFAULTS: RemoteSettings = { endpointsText: 'http://127.0.0.1:8000/v1', servedName: '', concurrency: 6 };

function loadSettings(storage: KeyValueStore): RemoteSettings {
  const r = asRecord(storage.read(REMOTE_SETTINGS_KEY));
  return {
    endpointsText: typeof r['endpointsText'] === 'string' ? r['endpointsText'] : DEFAULTS.endpointsText,
    servedName: typeof r['servedName'] === 'string' ? r['servedName'] : DEFAULTS.servedName,
    concurrency:
      typeof r['concurrency'] === 'number' && r['concurrency'] >= 1
        ? Math.floor(r['concurrency'])
        : DEFAULTS.concurrency,
  };
}

export class RemoteConfig {
  endpointsText = $state(DEFAULTS.endpointsText);
  servedName = $state(DEFAULTS.servedName);
  concurrency = $state(DEFAULTS.concurrency);
  apiKey = $state('');
  rememberKey = $state(false);
  /** The last connection test's answers, one per endpoint. */
  checks = $state.raw<EndpointCheck[]>([]);
  checking = $state(false);
  checkError = $state<string | null>(null);
  /** Protocol each origin answered the connection test with (h2 lifts the connection cap). */
  protocols = $state.raw<Record<string, string>>({});

  constructor(private readonly deps: RemoteConfigDeps) {
    const s = loadSettings(deps.local);
    this.endpointsText = s.endpointsText;
    this.servedName = s.servedName;
    this.concurrency = s.concurrency;
    const remembered = deps.local.read(API_KEY);
    const session = deps.session.read(API_KEY);
    if (typeof remembered === 'string') {
      this.apiKey = remembered;
      this.rememberKey = true;
    } else if (typeof session === 'string') {
      this.apiKey = session;
    }
  }

  get endpoints(): string[] {
    return this.endpointsText
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  /** How many requests the browser can really keep in flight to these servers, in words. */
  get connectionNote(): ConnectionNote {
    return describeConnectionCap(this.endpoints, this.concurrency, this.protocols);
  }

  /** Saves the settings (never the key) and puts the key where the "remember" choice says. */
  save(): void {
    const { local, session } = this.deps;
    local.write(REMOTE_SETTINGS_KEY, {
      endpointsText: this.endpointsText,
      servedName: this.servedName,
      concurrency: this.concurrency,
    } satisfies RemoteSettings);
    this.deps.configured?.(this.endpoints);
    const key = this.apiKey.trim();
    if (this.rememberKey && key !== '') {
      local.write(API_KEY, key);
      session.remove(API_KEY);
    } else {
      local.remove(API_KEY);
      if (key !== '') session.write(API_KEY, key);
      else session.remove(API_KEY);
    }
  }

  /** Forgets the last test: its answers describe the settings it ran with. */
  clearChecks(): void {
    this.checks = [];
    this.protocols = {};
  }

  /** Saves the settings and asks every server for its models with them. */
  async testConnection(): Promise<void> {
    this.checking = true;
    this.checkError = null;
    this.checks = [];
    try {
      this.save();
      const urls = this.endpoints.map((u) => normalizeBaseUrl(u));
      const key = this.apiKey.trim();
      const checks = await this.deps.check(urls, {
        model: this.servedName.trim(),
        ...(this.deps.pageOrigin !== undefined ? { pageOrigin: this.deps.pageOrigin } : {}),
        ...(key !== '' ? { apiKey: key } : {}),
      });
      const seen: Record<string, string> = {};
      for (const c of checks) {
        const protocol = this.deps.protocolOf(`${c.url}/models`);
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a scratch parse for its origin, not state
        if (protocol !== '') seen[new URL(c.url).origin] = protocol;
      }
      this.checks = checks;
      this.protocols = seen;
    } catch (e) {
      this.checkError = describeError(e);
    } finally {
      this.checking = false;
    }
  }
}

export const remoteConfig = new RemoteConfig({
  local: webStorage('local'),
  session: webStorage('session'),
  // A server typed after the page loaded is outside its connection policy: say so before the browser blocks it.
  check: (urls, options) => {
    for (const url of urls) ensureConnectable(url);
    return checkEndpoints(urls, options);
  },
  protocolOf,
  configured: (urls) => {
    for (const url of urls) noteConfigured(url);
  },
  ...(typeof location !== 'undefined' ? { pageOrigin: location.origin } : {}),
});
