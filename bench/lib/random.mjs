// A small seeded PRNG (mulberry32) so that every corpus is byte-identical from run to run and
// from machine to machine: the same seed always yields the same files.

export function createRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  /** `n` distinct indexes out of `0..total-1`, in ascending order. */
  const sample = (total, n) => {
    const chosen = new Set();
    while (chosen.size < Math.min(n, total)) chosen.add(Math.floor(next() * total));
    return [...chosen].sort((a, b) => a - b);
  };
  return { next, int, pick, chance, sample };
}
