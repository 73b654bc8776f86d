import { runIdentityOf, runIdentityText } from '../../src/core/run';
import type { RunManifest } from '../../src/core/types';
import { createMemoryBacking, createMemoryStore, type MemoryBacking } from '../../src/storage/memory';
import { contractManifest, describeResultStoreContract } from './result-store.contract';

describeResultStoreContract('memory', async () => {
  const backing = createMemoryBacking();
  // a memory store is one run: the harness keeps one backing per run identity, the contract run's the first
  const others = new Map<string, MemoryBacking>([[runIdentityText(runIdentityOf(contractManifest())), backing]]);
  const backingFor = (m: RunManifest): MemoryBacking => {
    const key = runIdentityText(runIdentityOf(m));
    const found = others.get(key) ?? createMemoryBacking();
    others.set(key, found);
    return found;
  };
  return {
    open: () => createMemoryStore(backing),
    openFor: (m) => createMemoryStore(backingFor(m)),
    readStorage: async () => [...backing.results.keys()],
  };
});
