/**
 * A small seeded pseudo-random generator: sfc32 (Chris Doty-Humphrey's "Small Fast Counting"
 * generator from PractRand), seeded through cyrb128 string hashing so that every
 * `(seed, ...path)` names an independent stream. The simulator takes one stream per band and
 * purpose, so adding a band or a new kind of randomness never shifts another band's numbers.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number;
  /** Log-uniform in [lo, hi): as likely to fall in 1-2 as in 10-20. */
  logUniform(lo: number, hi: number): number;
  /** Standard normal (Box-Muller, cached pair). */
  normal(): number;
  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Poisson count with the given mean (Knuth's method; the simulator's means are small). */
  poisson(mean: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A new, independent generator seeded from this one's next outputs. */
  fork(): Rng;
}

/** The stream named by `seed` and a path of labels, e.g. `createRng(7, 'band', 2, 'plan')`. */
export function createRng(seed: number, ...path: (string | number)[]): Rng {
  const [a, b, c, d] = cyrb128(`${seed}/${path.join('/')}`);
  return sfc32(a, b, c, d);
}

function sfc32(a: number, b: number, c: number, d: number): Rng {
  let spare: number | undefined;
  const u32 = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Discard the first outputs: sfc32 mixes poorly for a few rounds after seeding.
  for (let i = 0; i < 12; i++) u32();
  const next = (): number => u32() / 4294967296;
  const rng: Rng = {
    next,
    u32,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    logUniform: (lo, hi) => lo * (hi / lo) ** next(),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      const u = 1 - next();
      const r = Math.sqrt(-2 * Math.log(u));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
    logNormal: (median, sigma) => median * Math.exp(sigma * rng.normal()),
    exponential: (mean) => -mean * Math.log(1 - next()),
    poisson(mean) {
      const limit = Math.exp(-mean);
      let k = 0;
      for (let p = next(); p > limit; p *= next()) k++;
      return k;
    },
    chance: (p) => next() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('cannot pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    fork: () => sfc32(u32(), u32(), u32(), u32()),
  };
  return rng;
}

/** cyrb128 (bryc, public domain): a fast 128-bit string hash, used only to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
