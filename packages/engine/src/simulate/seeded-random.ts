/**
 * Deterministic draws for the reply model. A draw is a pure function of (seed, key): the same
 * conversation and agent get the same draw in the draft's replay and the published one, so a
 * difference between the two comes from routing, not from dice.
 */

/** FNV-1a over the key's UTF-16 units, mixed with the seed: a 32-bit unsigned hash. */
export function hashKey(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32's output function applied once: a uniform number in [0, 1). */
export function uniformFrom(hash: number): number {
  let t = (hash + 0x6d2b79f5) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export function seededUniform(seed: number, key: string): number {
  return uniformFrom(hashKey(seed, key));
}
