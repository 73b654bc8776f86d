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

/** One string object per distinct value within a load (repeated metadata such as modality or sub-dataset). */
export class StringPool {
  private readonly seen = new Map<string, string>();

  get(value: string | null): string | null {
    if (value === null) return null;
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    this.seen.set(value, value);
    return value;
  }
}
