// The user's own models (lib/pure/user-model.ts), saved in localStorage; results are stored under each model's id.
import { noteConfigured } from '../lib/dom/connect-policy';
import { webStorage } from '../lib/dom/web-storage';
import { asRecord } from '../lib/pure/key-value';
import type { KeyValueStore } from '../lib/pure/key-value';
import { makeUserModel } from '../lib/pure/user-model';
import type { UserModel } from '../lib/pure/user-model';

export { makeUserModel };
export type { UserModel };

export const USER_MODELS_KEY = 'medvlm-bench:user-models:v1';

function isUserModel(v: unknown): v is UserModel {
  const r = asRecord(v);
  return (
    typeof r['id'] === 'string' &&
    typeof r['label'] === 'string' &&
    (r['kind'] === 'repo' || r['kind'] === 'url') &&
    typeof r['location'] === 'string' &&
    Array.isArray(r['dtypes']) &&
    r['dtypes'].every((d) => typeof d === 'string')
  );
}

export class UserModels {
  list = $state.raw<UserModel[]>([]);

  constructor(
    private readonly storage: KeyValueStore,
    /** Told of a model added from a base URL (the page's connection policy notes a new host). */
    private readonly configured: (url: string) => void = () => undefined,
  ) {
    const saved = storage.read(USER_MODELS_KEY);
    if (Array.isArray(saved)) this.list = saved.filter(isUserModel);
  }

  /** Adds a model, replacing one with the same id. */
  add(model: UserModel): void {
    this.list = [...this.list.filter((m) => m.id !== model.id), model];
    this.storage.write(USER_MODELS_KEY, this.list);
    if (model.kind === 'url') this.configured(model.location);
  }

  remove(id: string): void {
    this.list = this.list.filter((m) => m.id !== id);
    this.storage.write(USER_MODELS_KEY, this.list);
  }

  byId(id: string): UserModel | undefined {
    return this.list.find((m) => m.id === id);
  }
}

export const userModels = new UserModels(webStorage('local'), noteConfigured);
