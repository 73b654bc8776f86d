// Seeded randomness for samples: a keyed hash rather than a PRNG stream, so each item's draw depends only on the
// seed and its id — never on the order items arrive in, which a stream would (the nth draw goes to the nth item).

/**
 * A 53-bit hash of `text` under `seed` (cyrb53: two 32-bit multiply-xorshift lanes), uniform enough to order items
 * at random. Seeds are taken modulo 2^32.
 */
function seededHash(seed: number, text: string): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Orders strings by a seeded random key, ties (vanishingly rare) by the string itself: the same for any input order. */
export function compareSeeded(seed: number): (a: string, b: string) => number {
  const keys = new Map<string, number>();
  const keyOf = (s: string): number => {
    let k = keys.get(s);
    if (k === undefined) {
      k = seededHash(seed, s);
      keys.set(s, k);
    }
    return k;
  };
  return (a, b) => keyOf(a) - keyOf(b) || (a < b ? -1 : a > b ? 1 : 0);
}
