import { BiquadChain } from './biquad-chain.ts';
import {
  butterworthHighPass,
  butterworthHighPassSections,
  butterworthLowPassSections,
} from './butterworth.ts';
import type { EmgConditionerOptions } from './emg-options.ts';
import type { EpochStats } from './epoch-stats.ts';
import { createHumNotches } from './hum-notches.ts';
import { MainsDetector, type MainsHz } from './mains-detector.ts';

const NO_FILTER = new BiquadChain([]);
/** Samples filtered per pass: long enough to amortise a pass, small enough to stay in L1 (2 KB). */
const BLOCK_SAMPLES = 128;

/**
 * The EMG signal path, sample for sample; what to sum into which epoch is the conditioner's job:
 *
 *   raw ─┬─ mains detector (Goertzel, raw) ──> which notches
 *        ├─ hum notches ─┬─ high-pass (30 Hz, 4th order) ──> Σ y²      (rmsUv)
 *        │  (raw − notched: Σ hum²)  └─ 1-20 Hz band ──> Σ low²      (lowFreqUv)
 *        └─ |raw|, rails, Σ (raw − ref)² ──> peakUv, leadOffLike
 *
 * Filters run a block at a time (see BiquadChain for why). State: up to 17 biquads, five
 * Goertzel terms and two 128-sample scratch blocks, about 3 KB.
 */
export class EmgSignalPath {
  private readonly o: EmgConditionerOptions;
  private hz = 0;
  private detector: MainsDetector | null = null;
  private notchHz: MainsHz;
  private notches = NO_FILTER;
  private highPass = NO_FILTER;
  private lowBand = NO_FILTER;
  private primed = false;
  /** Scratch for one block: the hum-free signal, then its low band; the high-passed copy. */
  private readonly v = new Float64Array(BLOCK_SAMPLES);
  private readonly w = new Float64Array(BLOCK_SAMPLES);
  /** Largest |raw| seen by this device's stream, kept across resets: the ADC's rail once hit. */
  private maxAbsUv = 0;
  private railUv = Number.POSITIVE_INFINITY;

  constructor(options: EmgConditionerOptions) {
    this.o = options;
    this.notchHz = options.mains === 'auto' ? options.initialMains : options.mains;
  }

  /** The mains frequency being notched now, 0 for none. */
  get mainsHz(): MainsHz {
    return this.notchHz;
  }

  /** Builds every filter for `hz` (keeping the mains decision) and resets. */
  configure(hz: number): void {
    const o = this.o;
    this.hz = hz;
    this.detector = o.mains === 'auto' ? new MainsDetector(hz, o.mainsDetector, this.notchHz) : null;
    this.notches = createHumNotches(this.notchHz, hz, o.maxHumHz, o.humBandwidthHz);
    this.highPass = butterworthHighPass(o.highPassHz, hz, o.highPassOrder);
    this.lowBand = new BiquadChain([
      ...butterworthHighPassSections(o.lowFreqFloorHz, hz, 2),
      ...butterworthLowPassSections(o.lowFreqHz, hz, 4),
    ]);
    this.reset();
  }

  /** Filters restart, settled on the next sample; the detector starts a new block. */
  reset(): void {
    this.primed = false;
    this.detector?.reset();
  }

  /** Conditions uv[from, to) and adds it to `s`, a scratch-sized block at a time. */
  run(uv: Float32Array, from: number, to: number, s: EpochStats): void {
    // Blocks also end where the mains detector's do, so a new decision takes effect at the same
    // sample however the stream was cut into frames.
    const detector = this.detector;
    for (let i = from; i < to; ) {
      let end = Math.min(to, i + BLOCK_SAMPLES);
      if (detector !== null) end = Math.min(end, i + detector.remaining());
      this.block(uv, i, end, s);
      i = end;
    }
  }

  /**
   * One block: raw statistics, then each filter chain over the whole block (see BiquadChain for
   * why blocks); sums in locals, no allocation. A new mains decision applies from the first
   * sample after the detector's block that made it.
   */
  private block(uv: Float32Array, from: number, to: number, s: EpochStats): void {
    const x0 = uv[from]!;
    if (!this.primed) {
      this.notches.reset(x0);
      this.highPass.reset(x0);
      this.lowBand.reset(x0);
      this.primed = true;
    }
    if (s.count === 0) s.ref = x0;
    const detector = this.detector;
    if (detector !== null) {
      if (detector.mainsHz !== this.notchHz) this.switchNotches(detector.mainsHz, x0);
      detector.process(uv, from, to);
    }
    const n = to - from;
    const { v, w } = this;
    let peakUv = s.peakUv;
    let railCount = s.railCount;
    let sumD = s.sumD;
    let sumD2 = s.sumD2;
    let railUv = this.railUv;
    const ref = s.ref;
    for (let j = 0; j < n; j++) {
      const x = uv[from + j]!;
      v[j] = x;
      const ax = x < 0 ? -x : x;
      if (ax > peakUv) {
        peakUv = ax;
        if (ax > this.maxAbsUv) railUv = this.newMax(ax);
      }
      if (ax >= railUv) railCount++;
      const d = x - ref;
      sumD += d;
      sumD2 += d * d;
    }
    this.notches.process(v, 0, n);
    let humSq = 0;
    for (let j = 0; j < n; j++) {
      const h = uv[from + j]! - v[j]!;
      humSq += h * h;
      w[j] = v[j]!;
    }
    this.highPass.process(w, 0, n);
    this.lowBand.process(v, 0, n);
    let sumSq = 0;
    let lowSq = 0;
    for (let j = 0; j < n; j++) {
      sumSq += w[j]! * w[j]!;
      lowSq += v[j]! * v[j]!;
    }
    s.count += n;
    s.sumSq += sumSq;
    s.lowSq += lowSq;
    s.humSq += humSq;
    s.peakUv = peakUv;
    s.railCount = railCount;
    s.sumD = sumD;
    s.sumD2 = sumD2;
  }

  /** A new largest |raw|: the rail level, once that is at least `minRailUv`. */
  private newMax(ax: number): number {
    this.maxAbsUv = ax;
    this.railUv = ax >= this.o.minRailUv ? ax * (1 - this.o.railTolerance) : Number.POSITIVE_INFINITY;
    return this.railUv;
  }

  private switchNotches(mainsHz: MainsHz, x: number): void {
    this.notchHz = mainsHz;
    this.notches = createHumNotches(mainsHz, this.hz, this.o.maxHumHz, this.o.humBandwidthHz);
    this.notches.reset(x);
  }
}
