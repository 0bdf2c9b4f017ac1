/**
 * mulberry32: a small, fast, deterministic PRNG. The demo peer's seed data and the benchmarks'
 * generated documents use it so that the same seed always gives the same records. Pure: no
 * imports, so the benchmarks' browser bundle can use it too.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
