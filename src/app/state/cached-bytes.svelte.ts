// What this browser keeps in Cache Storage under one name (model files, dataset ranges): the entries with their
// sizes, the origin's usage and quota when asked, and deletion followed by a fresh listing.
import { describeError } from '../lib/pure/errors';

export interface CachedBytesDeps<T, K> {
  list(): Promise<T[]>;
  remove(key: K): Promise<unknown>;
  /** Origin quota and usage, when the browser reports them. */
  estimate?(): Promise<{ usage: number; quota: number } | null>;
}

export class CachedBytes<T extends { bytes: number }, K> {
  entries = $state.raw<T[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Origin quota and usage, when the deps report them. */
  usage = $state.raw<{ usage: number; quota: number } | null>(null);

  constructor(private readonly deps: CachedBytesDeps<T, K>) {}

  get totalBytes(): number {
    return this.entries.reduce((n, e) => n + e.bytes, 0);
  }

  async refresh(): Promise<void> {
    this.busy = true;
    try {
      this.entries = await this.deps.list();
      if (this.deps.estimate !== undefined) this.usage = await this.deps.estimate();
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
      this.loaded = true;
    }
  }

  async remove(key: K): Promise<void> {
    this.busy = true;
    try {
      await this.deps.remove(key);
    } catch (e) {
      this.error = describeError(e);
    }
    await this.refresh();
  }
}
