// Items held where they were loaded: slices and lookups by id, every item read back in slices for a run, and no
// read once the holder is closed (a worker that was ended would never answer).
import { describe, expect, it } from 'vitest';
import { allItems, heldBy, heldInMemory } from '../../../../src/app/state/dataset-items';
import type { Item } from '../../../../src/core/types';

const items: Item[] = Array.from({ length: 4_321 }, (_, i) => ({
  id: `q${i}`,
  benchmark: 'omnimedvqa',
  variant: 'open-access',
  question: `Question ${i}?`,
  options: [
    { letter: 'A', text: 'yes' },
    { letter: 'B', text: 'no' },
  ],
  answer: i % 2 === 0 ? 'A' : 'B',
  images: [],
  meta: {},
}));

describe('held items', () => {
  it('slices, clamps at the end, and finds an item with its position', async () => {
    const held = heldInMemory(items);
    expect(held.count).toBe(4_321);
    expect((await held.slice(100, 103)).map((i) => i.id)).toEqual(['q100', 'q101', 'q102']);
    expect((await held.slice(4_320, 5_000)).map((i) => i.id)).toEqual(['q4320']);
    expect(await held.find('q4000')).toEqual({ index: 4_000, item: items[4_000] });
    expect(await held.find('nope')).toBeNull();
  });

  it('reads every item back in slices of the batch size, in order', async () => {
    const asked: [number, number][] = [];
    const inner = heldInMemory(items);
    let ended = 0;
    const held = heldBy(
      items.length,
      {
        slice: (s, e) => {
          asked.push([s, e]);
          return inner.slice(s, e);
        },
        find: (id) => inner.find(id),
      },
      () => ended++,
    );
    expect(await allItems(held, 2_000)).toEqual(items);
    expect(asked).toEqual([
      [0, 2_000],
      [2_000, 4_000],
      [4_000, 6_000],
    ]);
    held.close();
    held.close();
    expect(ended).toBe(1);
    await expect(held.slice(0, 1)).rejects.toThrow(/removed/);
    await expect(held.find('q1')).rejects.toThrow(/removed/);
  });

  it('fails rather than hand a run fewer items than were kept', async () => {
    const short = heldBy(10, { slice: async () => items.slice(0, 3), find: async () => null }, () => {});
    await expect(allItems(short, 5)).rejects.toThrow(/Read 6 of 10/);
  });
});
