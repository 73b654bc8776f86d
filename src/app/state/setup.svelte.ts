// The Setup page: this machine's WebGPU adapter, which registry models fit it and why not, and the origin's storage
// (usage, quota, persistence). Receives its browser calls, so it is tested with fakes.
import { MODELS } from '../../core/models/registry';
import type { AdapterReport } from '../lib/dom/adapter-info';
import {
  deviceMemoryGB,
  isCrossOriginIsolated,
  isPersisted,
  readAdapter,
  requestPersist,
} from '../lib/dom/adapter-info';
import { storageEstimate } from '../lib/dom/cache-storage';
import { describeError } from '../lib/pure/errors';
import { modelFit } from '../lib/pure/model-fit';
import type { ModelFit } from '../lib/pure/model-fit';

export interface SetupDeps {
  adapter(): Promise<AdapterReport>;
  deviceMemoryGB(): number | null;
  estimate(): Promise<{ usage: number; quota: number } | null>;
  persisted(): Promise<boolean | null>;
  persist(): Promise<boolean>;
  isolated(): boolean;
}

export class Setup {
  adapter = $state.raw<AdapterReport | null>(null);
  fits = $state.raw<ModelFit[]>([]);
  storage = $state.raw<{ usage: number; quota: number } | null>(null);
  persisted = $state<boolean | null>(null);
  isolated = $state(false);
  error = $state<string | null>(null);
  loaded = $state(false);

  constructor(private readonly deps: SetupDeps) {}

  async refresh(): Promise<void> {
    try {
      const adapter = await this.deps.adapter();
      this.adapter = adapter;
      const machine = {
        webgpu: adapter.error === null,
        shaderF16: adapter.features.includes('shader-f16'),
        maxBufferSize: adapter.limits?.maxBufferSize ?? null,
        deviceMemoryGB: this.deps.deviceMemoryGB(),
      };
      this.fits = MODELS.map((m) => modelFit(m, machine));
      this.storage = await this.deps.estimate();
      this.persisted = await this.deps.persisted();
      this.isolated = this.deps.isolated();
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.loaded = true;
    }
  }

  async persist(): Promise<void> {
    try {
      this.persisted = await this.deps.persist();
      this.storage = await this.deps.estimate();
    } catch (e) {
      this.error = describeError(e);
    }
  }
}

export const setup = new Setup({
  adapter: readAdapter,
  deviceMemoryGB,
  estimate: storageEstimate,
  persisted: isPersisted,
  persist: requestPersist,
  isolated: isCrossOriginIsolated,
});
