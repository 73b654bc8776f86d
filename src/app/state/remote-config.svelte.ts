// The OpenAI-compatible server the Run page talks to: base URLs, served model name, concurrency (saved in
// localStorage) and the API key — kept in sessionStorage for this tab unless the user ticks "remember", then in
// localStorage. The key never goes into run manifests, results, exports or the saved settings.
import { asRecord, readJson, removeKey, writeJson } from '../lib/persist';

const SETTINGS_KEY = 'medvlm-bench:remote:v1';
const API_KEY = 'medvlm-bench:api-key';

export interface RemoteSettings {
  /** One base URL per line. */
  endpointsText: string;
  /** The name the server serves the model under. */
  servedName: string;
  concurrency: number;
}

const DEFAULTS: RemoteSettings = { endpointsText: 'http://127.0.0.1:8000/v1', servedName: '', concurrency: 6 };

function loadSettings(): RemoteSettings {
  const r = asRecord(readJson(SETTINGS_KEY));
  return {
    endpointsText: typeof r['endpointsText'] === 'string' ? r['endpointsText'] : DEFAULTS.endpointsText,
    servedName: typeof r['servedName'] === 'string' ? r['servedName'] : DEFAULTS.servedName,
    concurrency:
      typeof r['concurrency'] === 'number' && r['concurrency'] >= 1
        ? Math.floor(r['concurrency'])
        : DEFAULTS.concurrency,
  };
}

class RemoteConfig {
  endpointsText = $state(DEFAULTS.endpointsText);
  servedName = $state(DEFAULTS.servedName);
  concurrency = $state(DEFAULTS.concurrency);
  apiKey = $state('');
  rememberKey = $state(false);

  constructor() {
    const s = loadSettings();
    this.endpointsText = s.endpointsText;
    this.servedName = s.servedName;
    this.concurrency = s.concurrency;
    const remembered = readJson(API_KEY, 'local');
    const session = readJson(API_KEY, 'session');
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

  /** Saves the settings (never the key) and puts the key where the "remember" choice says. */
  save(): void {
    writeJson(SETTINGS_KEY, {
      endpointsText: this.endpointsText,
      servedName: this.servedName,
      concurrency: this.concurrency,
    } satisfies RemoteSettings);
    const key = this.apiKey.trim();
    if (this.rememberKey && key !== '') {
      writeJson(API_KEY, key, 'local');
      removeKey(API_KEY, 'session');
    } else {
      removeKey(API_KEY, 'local');
      if (key !== '') writeJson(API_KEY, key, 'session');
      else removeKey(API_KEY, 'session');
    }
  }
}

export const remoteConfig = new RemoteConfig();
