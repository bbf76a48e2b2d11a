/**
 * Seeded pseudo-random numbers for Monte Carlo analyses: xoshiro128** (Blackman & Vigna, 2018), 32-bit state
 * words, period 2^128 − 1, fast in JavaScript's 32-bit integer arithmetic. The engine uses no other source of
 * randomness (never `Math.random`), so every analysis is reproducible from its seed.
 *
 * Streams: run `r` of an analysis seeded with `seed` draws from its own generator, whose state is derived from
 * `(seed, r)` alone ({@link Xoshiro128.seedRun}). A run's numbers therefore do not depend on which runs came
 * before it or on which worker thread computes it, so splitting runs across threads cannot change a result.
 */

const TWO_32 = 4294967296;

/**
 * The murmur3 32-bit finaliser (`fmix32`): a bijection on 32-bit integers in which every input bit affects every
 * output bit. Used to spread a seed and a run number over a generator's state.
 *
 * @example mix32(0) // 0 (a fixed point, which is why inputs are offset before mixing)
 */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The xoshiro128** generator. Reseeding ({@link Xoshiro128.seedRun}) and drawing allocate nothing, so one
 * instance serves every run of a Monte Carlo loop.
 *
 * @example
 * const rng = new Xoshiro128().seedRun(7, 0);
 * rng.nextFloat(); // a number in [0, 1), the same for every call sequence seeded with (7, 0)
 */
export class Xoshiro128 {
  private s0 = 1;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** The seed whose key was computed last (runs of one analysis share it), and that key. */
  private keySeed = NaN;
  private key = 0;

  /**
   * Sets the state of stream `run` of `seed`:
   * `key = mix32(lo ⊕ mix32(hi ⊕ 0x9e3779b9))` with `lo`, `hi` the low and high 32 bits of the seed (two's
   * complement for negative seeds); `s0 = mix32(key ⊕ run)`, then `s_k = mix32(s_{k−1} + 0x9e3779b9 ⊕ key)` for
   * k = 1 … 3. `s0` is a bijection of `run` for a given seed, so distinct runs start from distinct states.
   *
   * @param seed a safe integer (|seed| ≤ 2^53 − 1).
   * @param run a run number from 0 to 2^32 − 1.
   * @throws {RangeError} when `seed` is not a safe integer or `run` is out of range.
   */
  seedRun(seed: number, run: number): this {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`Xoshiro128.seedRun: seed must be a safe integer, got ${seed}`);
    if (!Number.isInteger(run) || run < 0 || run >= TWO_32) {
      throw new RangeError(`Xoshiro128.seedRun: run must be an integer from 0 to 2^32 − 1, got ${run}`);
    }
    if (seed !== this.keySeed) {
      const lo = seed >>> 0;
      const hi = Math.floor(seed / TWO_32) >>> 0;
      this.key = mix32(lo ^ mix32(hi ^ 0x9e3779b9));
      this.keySeed = seed;
    }
    const key = this.key;
    this.s0 = mix32(key ^ run);
    this.s1 = mix32(((this.s0 + 0x9e3779b9) | 0) ^ key);
    this.s2 = mix32(((this.s1 + 0x9e3779b9) | 0) ^ key);
    this.s3 = mix32(((this.s2 + 0x9e3779b9) | 0) ^ key);
    // The all-zero state is the one state xoshiro cannot leave.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
    return this;
  }

  /**
   * Sets the raw state (e.g. to check the generator against the reference vectors).
   *
   * @throws {RangeError} for the all-zero state, which xoshiro cannot leave.
   */
  setState(s0: number, s1: number, s2: number, s3: number): this {
    if ((s0 | s1 | s2 | s3) >>> 0 === 0) throw new RangeError('Xoshiro128.setState: the state must not be all zero');
    this.s0 = s0 | 0;
    this.s1 = s1 | 0;
    this.s2 = s2 | 0;
    this.s3 = s3 | 0;
    return this;
  }

  /** The next 32-bit unsigned integer. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** The next number in [0, 1), a multiple of 2^−32. */
  nextFloat(): number {
    return this.nextUint32() / TWO_32;
  }
}
