// Interning within one load: benchmarks like OmniMedVQA repeat the same option texts and metadata values
// across tens of thousands of items; sharing one object per distinct value keeps memory and GC work small.
import type { Option } from '../types';
import { LETTERS } from './options';

/** One frozen Option per (letter, text): a consumer that tried to edit a shared option fails loudly. */
export class OptionPool {
  private readonly byLetter: Map<string, Option>[] = [];

  get(index: number, text: string): Option {
    let pool = this.byLetter[index];
    if (pool === undefined) {
      pool = new Map();
      this.byLetter[index] = pool;
    }
    let option = pool.get(text);
    if (option === undefined) {
      option = Object.freeze({ letter: LETTERS.charAt(index), text });
      pool.set(text, option);
    }
    return option;
  }
}

/**
 * One value per distinct sequence of keys, found through nested Maps by each key's identity: per record this costs a
 * lookup per key and no key string (joining the options' texts or the metadata values into one key string, then
 * hashing it, was a large part of an 89k-record load).
 */
export class KeyTrie<K, V> {
  private children: Map<K, KeyTrie<K, V>> | null = null;
  value: V | undefined = undefined;

  child(key: K): KeyTrie<K, V> {
    this.children ??= new Map();
    let next = this.children.get(key);
    if (next === undefined) {
      next = new KeyTrie();
      this.children.set(key, next);
    }
    return next;
  }
}
