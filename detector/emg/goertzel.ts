/**
 * The Goertzel algorithm (G. Goertzel, "An algorithmic method for the evaluation of finite
 * trigonometric series", Amer. Math. Monthly 65, 1958): the power of one DFT term of a block,
 * one multiply and two adds per sample. Feed a block (windowed by the caller), read `power()`,
 * then `reset()` for the next block.
 */
export class Goertzel {
  readonly hz: number;
  private readonly coeff: number;
  private s1 = 0;
  private s2 = 0;

  constructor(hz: number, sampleHz: number) {
    if (!(hz > 0 && hz < sampleHz / 2))
      throw new RangeError(`goertzel: need 0 < ${hz} < fs/2 (${sampleHz / 2})`);
    this.hz = hz;
    this.coeff = 2 * Math.cos((2 * Math.PI * hz) / sampleHz);
  }

  next(x: number): void {
    const s = x + this.coeff * this.s1 - this.s2;
    this.s2 = this.s1;
    this.s1 = s;
  }

  /** |X(hz)|² of the samples fed since the last reset. */
  power(): number {
    return goertzelPower(this.s1, this.s2, this.coeff);
  }

  reset(): void {
    this.s1 = 0;
    this.s2 = 0;
  }
}

/** |X|² from the Goertzel state after the last sample: s1² + s2² - coeff·s1·s2, coeff = 2 cos ω. */
export function goertzelPower(s1: number, s2: number, coeff: number): number {
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}
