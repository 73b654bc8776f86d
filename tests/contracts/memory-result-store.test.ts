import { createMemoryBacking, createMemoryStore } from '../../src/storage/memory';
import { describeResultStoreContract } from './result-store.contract';

describeResultStoreContract('memory', async () => {
  const backing = createMemoryBacking();
  return { open: () => createMemoryStore(backing), readStorage: async () => [...backing.results.keys()] };
});
