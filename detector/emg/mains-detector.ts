import { goertzelPower } from './goertzel.ts';

/** Which mains frequency the hum is at; 0 when no hum stands out. */
export type MainsHz = 0 | 50 | 60;

/** Tuning of {@link MainsDetector}; the defaults are in `emg-options.ts`. */
export interface MainsDetectorOptions {
  /** Analysis block: Hann-windowed Goertzel, so the bins are 1000 / blockMs Hz apart. */
  readonly blockMs: number;
  /** A mains bin must exceed the noise floor (mean of the 45, 55 and 65 Hz bins) this many times (power). */
  readonly onRatio: number;
  /** Hum is released once its bin stays below this many times the noise floor. */
  readonly offRatio: number;
  /** ...or below half this amplitude; hum weaker than this (µV RMS, fundamental) is not worth notching. */
  readonly minHumUv: number;
  /** Consecutive blocks of evidence before turning hum removal on, ... */
  readonly confirmBlocks: number;
  /** ... before moving it from one mains frequency to the other (the other must be 4x stronger), ... */
  readonly switchBlocks: number;
  /** ... and before turning it off: long, so a loud cramp hiding the hum does not toggle the notches. */
  readonly releaseBlocks: number;
}

/** Noise-floor bins: between and beside the two mains frequencies, harmonics of neither. */
const REFERENCE_HZ = [45, 55, 65] as const;
/** Switching to the other mains frequency needs it this many times stronger (power) than the current. */
const SWITCH_RATIO = 4;

/**
 * Decides, block by block, whether 50 Hz or 60 Hz hum is present: Hann-windowed Goertzel power
 * at the two fundamentals against the noise floor in the bins between them (45, 55, 65 Hz), with
 * hysteresis in level (on/off ratios) and in time (consecutive blocks). Works on the raw signal,
 * so the notches it switches on never hide the hum from it. O(1) state: five Goertzel terms and
 * a window phasor, kept in locals while a block of samples is processed.
 */
export class MainsDetector {
  /** The current decision. */
  mainsHz: MainsHz;
  /** Hum at the (current or candidate) fundamental in the last block, µV RMS; 0 before the first. */
  fundamentalUv = 0;
  private readonly o: MainsDetectorOptions;
  private readonly blockSamples: number;
  /** 2 cos ω of 50, 60, 45, 55, 65 Hz. */
  private readonly coeff: Float64Array;
  /** Goertzel s1, s2 per frequency, in the order of `coeff`. */
  private readonly g = new Float64Array(10);
  private readonly cosStep: number;
  private readonly sinStep: number;
  private wc = 1;
  private ws = 0;
  private fill = 0;
  private pending: MainsHz = 0;
  private streak = 0;

  constructor(sampleHz: number, options: MainsDetectorOptions, initial: MainsHz = 0) {
    if (!(sampleHz > 2 * 65))
      throw new RangeError(`mains detector: sample rate must exceed 130 Hz, got ${sampleHz}`);
    this.o = options;
    this.mainsHz = initial;
    this.blockSamples = Math.max(2, Math.round((sampleHz * options.blockMs) / 1000));
    this.coeff = Float64Array.from(
      [50, 60, ...REFERENCE_HZ],
      (hz) => 2 * Math.cos((2 * Math.PI * hz) / sampleHz),
    );
    // Periodic Hann window w[n] = 0.5 - 0.5 cos(2π n / N) by phasor rotation (see HannWindow).
    this.cosStep = Math.cos((2 * Math.PI) / this.blockSamples);
    this.sinStep = Math.sin((2 * Math.PI) / this.blockSamples);
  }

  /** Feeds raw samples x[from, to) (µV); the decision changes only at block ends. */
  process(x: Float32Array | Float64Array, from: number, to: number): void {
    let i = from;
    while (i < to) {
      const end = Math.min(to, i + this.blockSamples - this.fill);
      this.accumulate(x, i, end);
      this.fill += end - i;
      i = end;
      if (this.fill === this.blockSamples) this.endBlock();
    }
  }

  /** Samples until the current block ends (and the decision may change). */
  remaining(): number {
    return this.blockSamples - this.fill;
  }

  /** Starts a new block; the decision is kept (hum is a property of the room, not of the stream). */
  reset(): void {
    this.fill = 0;
    this.wc = 1;
    this.ws = 0;
    this.g.fill(0);
  }

  private accumulate(x: Float32Array | Float64Array, from: number, to: number): void {
    const g = this.g;
    const k = this.coeff;
    const k50 = k[0]!;
    const k60 = k[1]!;
    const k45 = k[2]!;
    const k55 = k[3]!;
    const k65 = k[4]!;
    const cs = this.cosStep;
    const sn = this.sinStep;
    let a1 = g[0]!;
    let a2 = g[1]!;
    let b1 = g[2]!;
    let b2 = g[3]!;
    let c1 = g[4]!;
    let c2 = g[5]!;
    let d1 = g[6]!;
    let d2 = g[7]!;
    let e1 = g[8]!;
    let e2 = g[9]!;
    let wc = this.wc;
    let ws = this.ws;
    for (let i = from; i < to; i++) {
      const v = x[i]! * (0.5 - 0.5 * wc);
      const nc = wc * cs - ws * sn;
      ws = ws * cs + wc * sn;
      wc = nc;
      const a = v + k50 * a1 - a2;
      a2 = a1;
      a1 = a;
      const b = v + k60 * b1 - b2;
      b2 = b1;
      b1 = b;
      const c = v + k45 * c1 - c2;
      c2 = c1;
      c1 = c;
      const d = v + k55 * d1 - d2;
      d2 = d1;
      d1 = d;
      const e = v + k65 * e1 - e2;
      e2 = e1;
      e1 = e;
    }
    g[0] = a1;
    g[1] = a2;
    g[2] = b1;
    g[3] = b2;
    g[4] = c1;
    g[5] = c2;
    g[6] = d1;
    g[7] = d2;
    g[8] = e1;
    g[9] = e2;
    this.wc = wc;
    this.ws = ws;
  }

  private endBlock(): void {
    const g = this.g;
    const k = this.coeff;
    const p = (i: number) => goertzelPower(g[2 * i]!, g[2 * i + 1]!, k[i]!);
    this.decide(p(0), p(1), (p(2) + p(3) + p(4)) / 3);
    this.reset();
  }
  private decide(p50: number, p60: number, floor: number): void {
    const o = this.o;
    const strongest: MainsHz = p60 > p50 ? 60 : 50;
    const pStrong = Math.max(p50, p60);
    const present = pStrong >= o.onRatio * floor && this.rmsUv(pStrong) >= o.minHumUv;
    if (this.mainsHz === 0) {
      this.count(present ? strongest : 0, present, o.confirmBlocks);
      this.fundamentalUv = this.rmsUv(pStrong);
      return;
    }
    const pCur = this.mainsHz === 50 ? p50 : p60;
    this.fundamentalUv = this.rmsUv(pCur);
    if (present && strongest !== this.mainsHz && pStrong >= SWITCH_RATIO * pCur) {
      this.count(strongest, true, o.switchBlocks);
    } else if (pCur < o.offRatio * floor || this.fundamentalUv < o.minHumUv / 2) {
      this.count(0, true, o.releaseBlocks);
    } else if (pCur >= o.onRatio * floor && this.fundamentalUv >= o.minHumUv) {
      // Clearly still there: start counting afresh. Between the on and off levels, a block
      // neither counts toward release nor resets the count (hysteresis).
      this.pending = this.mainsHz;
      this.streak = 0;
    }
  }

  /** Counts consecutive blocks voting for `target`; adopts it after `needed`. */
  private count(target: MainsHz, vote: boolean, needed: number): void {
    if (!vote) {
      this.streak = 0;
      return;
    }
    this.streak = target === this.pending ? this.streak + 1 : 1;
    this.pending = target;
    if (this.streak >= needed) {
      this.mainsHz = target;
      this.streak = 0;
    }
  }

  /** RMS amplitude of a sinusoid from its Hann-windowed DFT power: peak = 4 |X| / N. */
  private rmsUv(power: number): number {
    return (2 * Math.SQRT2 * Math.sqrt(power)) / this.blockSamples;
  }
}
