import { EMG_HZ_MAX, EMG_HZ_MIN, type EpochMs } from '../../protocol/index.ts';
import { type EmgEpoch, EPOCH_MS } from '../epoch.ts';
import { BiquadChain } from './biquad-chain.ts';
import {
  butterworthHighPass,
  butterworthHighPassSections,
  butterworthLowPassSections,
} from './butterworth.ts';
import { type EmgConditionerInput, type EmgConditionerOptions, resolveEmgOptions } from './emg-options.ts';
import { EpochStats, type LeadOffRule } from './epoch-stats.ts';
import { createHumNotches } from './hum-notches.ts';
import { MainsDetector, type MainsHz } from './mains-detector.ts';

/**
 * The EMG stage of one device's detector. Raw µV in, one {@link EmgEpoch} per 100 ms of band time out:
 *
 *   raw ─┬─ mains detector (Goertzel, raw) ──> which notches
 *        └─ hum notches ─┬─ high-pass (30 Hz) ──> rmsUv
 *          (raw − notched = humUv)  └─ 1-20 Hz band ──> lowFreqUv
 *   raw ──> peakUv, leadOffLike (rails, flat)
 *
 * Epochs are aligned to band time: sample i of a frame belongs to the epoch starting at
 * floor((t0 + i·1000/hz) / 100)·100, the same grid as the motion stage. An epoch is emitted as
 * soon as its last sample arrives; a partial one carries over to the next `push`. Epoch starts
 * never go backwards: samples whose time falls before the last emitted epoch's end (the next
 * `t0` drifted back) join the current epoch. State is O(1): about 20 biquads and counters
 * (under 4 KB), whatever the rate.
 */
export interface EmgConditioner {
  /**
   * Conditions one frame's EMG (`uv`, oldest first, at `hz`, first sample at band time `t0`) and
   * returns the epochs it completed, oldest first. A new `hz` first flushes the partial epoch
   * (returned too) and resets, as after a reboot. Throws RangeError for `hz` outside 250-4000.
   */
  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[];
  /** Emits the partial epoch, if any (e.g. before a gap); the filters keep their state. */
  flush(): EmgEpoch[];
  /**
   * Restarts after a signal gap or a reboot: filters restart (settled on the next sample, so an
   * offset causes no step), the partial epoch is dropped, the epoch grid restarts. The mains
   * decision is kept: hum belongs to the room, not to the stream.
   */
  reset(): void;
  /** The mains frequency being removed now, 0 for none. */
  readonly mainsHz: MainsHz;
}

/** Creates an EMG conditioner; options are validated once (RangeError) and frozen. */
export function createEmgConditioner(input: EmgConditionerInput = {}): EmgConditioner {
  return new Conditioner(resolveEmgOptions(input));
}

const NO_FILTER = new BiquadChain([]);

class Conditioner implements EmgConditioner {
  private readonly o: EmgConditionerOptions;
  private readonly stats = new EpochStats();
  private hz = 0;
  private rule: LeadOffRule = { railFraction: 1, flatStdUv: 0, minFlatSamples: 1 };
  private detector: MainsDetector | null = null;
  private notchHz: MainsHz = 0;
  private notches = NO_FILTER;
  private highPass = NO_FILTER;
  private lowBand = NO_FILTER;
  private primed = false;
  /** Scratch for one chunk (at most an epoch): the hum-free signal, then its low band; the high-passed copy. */
  private v = new Float64Array(0);
  private w = new Float64Array(0);
  private nextStartMs = Number.NEGATIVE_INFINITY;
  /** Largest |raw| seen by this device's stream, kept across resets: the ADC's rail once hit. */
  private maxAbsUv = 0;
  private railUv = Number.POSITIVE_INFINITY;

  constructor(options: EmgConditionerOptions) {
    this.o = options;
    this.notchHz = options.mains === 'auto' ? 0 : options.mains;
  }

  get mainsHz(): MainsHz {
    return this.notchHz;
  }

  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[] {
    const out: EmgEpoch[] = [];
    if (hz !== this.hz) {
      this.flushInto(out);
      this.configure(hz);
    }
    const n = uv.length;
    const base = Math.floor(t0 / EPOCH_MS) * EPOCH_MS;
    // In units of ms·Hz, sample i sits at offset + 1000·i; epochs are `span` long: exact integers
    // for integer t0 and hz, so boundaries never depend on rounding.
    const offset = (t0 - base) * hz;
    const span = EPOCH_MS * hz;
    const s = this.stats;
    let i = 0;
    while (i < n) {
      const k = Math.floor((offset + 1000 * i) / span);
      const boundary = Math.ceil(((k + 1) * span - offset) / 1000);
      const end = Math.min(n, Math.max(boundary, i + 1));
      const startMs = base + k * EPOCH_MS;
      if (s.count > 0 && startMs > s.startMs) out.push(this.finish());
      if (s.count === 0) s.startMs = Math.max(startMs, this.nextStartMs);
      this.run(uv, i, end);
      if (end === boundary && startMs === s.startMs) out.push(this.finish());
      i = end;
    }
    return out;
  }

  flush(): EmgEpoch[] {
    const out: EmgEpoch[] = [];
    this.flushInto(out);
    return out;
  }

  reset(): void {
    this.stats.clear();
    this.primed = false;
    this.nextStartMs = Number.NEGATIVE_INFINITY;
    this.detector?.reset();
  }

  private flushInto(out: EmgEpoch[]): void {
    if (this.stats.count > 0) out.push(this.finish());
  }

  private finish(): EmgEpoch {
    this.nextStartMs = this.stats.startMs + EPOCH_MS;
    return this.stats.finish(this.rule);
  }

  private configure(hz: number): void {
    if (!(hz >= EMG_HZ_MIN && hz <= EMG_HZ_MAX)) {
      throw new RangeError(`emg: sample rate must be ${EMG_HZ_MIN}-${EMG_HZ_MAX} Hz, got ${hz}`);
    }
    const o = this.o;
    this.hz = hz;
    this.detector = o.mains === 'auto' ? new MainsDetector(hz, o.mainsDetector, this.notchHz) : null;
    this.notches = createHumNotches(this.notchHz, hz, o.maxHumHz, o.humBandwidthHz);
    this.highPass = butterworthHighPass(o.highPassHz, hz, o.highPassOrder);
    this.lowBand = new BiquadChain([
      ...butterworthHighPassSections(o.lowFreqFloorHz, hz, 2),
      ...butterworthLowPassSections(o.lowFreqHz, hz, 4),
    ]);
    const epochSamples = (hz * EPOCH_MS) / 1000;
    this.v = new Float64Array(Math.ceil(epochSamples) + 2);
    this.w = new Float64Array(this.v.length);
    this.rule = {
      railFraction: o.railFraction,
      flatStdUv: o.flatStdUv,
      minFlatSamples: Math.max(3, Math.ceil(epochSamples / 2)),
    };
    this.reset();
  }

  private switchNotches(mainsHz: MainsHz, x: number): void {
    this.notchHz = mainsHz;
    this.notches = createHumNotches(mainsHz, this.hz, this.o.maxHumHz, this.o.humBandwidthHz);
    this.notches.reset(x);
  }

  /** Conditions uv[from, to) into the current epoch's sums, a scratch-sized block at a time. */
  private run(uv: Float32Array, from: number, to: number): void {
    // Blocks also end where the mains detector's do, so a new decision takes effect at the same
    // sample however the stream was cut into frames.
    const detector = this.detector;
    for (let i = from; i < to; ) {
      let end = Math.min(to, i + this.v.length);
      if (detector !== null) end = Math.min(end, i + detector.remaining());
      this.block(uv, i, end);
      i = end;
    }
  }

  /**
   * One block: raw statistics, then each filter chain over the whole block (see BiquadChain for
   * why blocks); sums in locals, no allocation. A new mains decision applies from the first
   * sample after the detector's block that made it.
   */
  private block(uv: Float32Array, from: number, to: number): void {
    const s = this.stats;
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
}
