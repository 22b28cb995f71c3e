import type { MainsDetectorOptions, MainsHz } from './mains-detector.ts';

/** Everything the EMG conditioner can be tuned with; see {@link EMG_DEFAULTS} for the why of each default. */
export interface EmgConditionerOptions {
  /** High-pass cutoff against motion artifact (and ECG bleed), Hz. */
  readonly highPassHz: number;
  /** Even Butterworth order of that high-pass. */
  readonly highPassOrder: number;
  /** `lowFreqUv` measures the raw (hum-free) signal between `lowFreqFloorHz` and `lowFreqHz`. */
  readonly lowFreqHz: number;
  readonly lowFreqFloorHz: number;
  /** `auto` detects 50/60 Hz/none; a number forces it (0: never notch). */
  readonly mains: 'auto' | MainsHz;
  /**
   * With `auto`, the hum to notch until the detector decides otherwise: a second detector for the
   * same band (a late backlog) starts from the first one's decision instead of from none, so its
   * first seconds are not read through unnotched hum.
   */
  readonly initialMains: MainsHz;
  /** -3 dB bandwidth of every hum notch, Hz. */
  readonly humBandwidthHz: number;
  /** Harmonics are notched up to this frequency (and below Nyquist), Hz. */
  readonly maxHumHz: number;
  readonly mainsDetector: MainsDetectorOptions;
  /** A sample is at the rail when |x| is within this fraction of the largest |x| seen, ... */
  readonly railTolerance: number;
  /** ... and that largest |x| is at least this, µV (the ADC's full scale is 3276.7 µV at 0.1 µV/count); */
  readonly minRailUv: number;
  /** an epoch is lead-off-like when this fraction of its samples is at the rail, ... */
  readonly railFraction: number;
  /** ... or its raw standard deviation is below this, µV (flat). */
  readonly flatStdUv: number;
}

/** What a caller may set; anything left out takes its default. */
export type EmgConditionerInput = Partial<Omit<EmgConditionerOptions, 'mainsDetector'>> & {
  readonly mainsDetector?: Partial<MainsDetectorOptions>;
};

/**
 * Defaults, each with its source:
 * - `highPassHz` 30, order 4 (Butterworth): measured against De Luca et al. 2010's 20 Hz
 *   (order 2) on simulated resting EMG with ECG bleed and motion artifact, and on the real
 *   calf/shin recordings in `simulator/real-emg`: 30 Hz/4th order removes about 48% of the ECG's
 *   RMS (20 Hz/2nd: 30%), cuts its peaks from 49 to 21 µV (20 Hz: 32 µV) and lets through 8 µV of
 *   a 100 µV motion artifact (20 Hz: 20 µV), for 1-6% of the EMG's own RMS (20 Hz: 1-3%).
 *   Drake & Callaghan 2006 recommend 30 Hz for ECG-contaminated trunk EMG for the same reason.
 * - `lowFreqHz` 20 (the same De Luca corner), 4th order so 50/60 Hz and EMG barely leak in;
 *   `lowFreqFloorHz` 1 so an electrode's DC offset is not reported as motion.
 * - `humBandwidthHz` 2: tolerates grid-frequency error (±0.05 Hz nominal, more at harmonics)
 *   while notching 9 harmonics removes under 4% of white EMG power at 1 kHz.
 * - `maxHumHz` 500: the band's analog front end passes about 10-500 Hz (band protocol).
 * - mains detection on 1 s blocks (1 Hz bins), 10 dB above the floor to switch on for 2 blocks,
 *   3 blocks to move 50↔60, 30 s below 3 dB to switch off (estimates).
 * - `flatStdUv` 0.05 (under the i16 ADC's 0.1 µV step), rails within 1% of the largest |x|
 *   seen for half the epoch (estimates; TI ADS129x clips at full scale).
 */
export const EMG_DEFAULTS: EmgConditionerOptions = Object.freeze({
  highPassHz: 30,
  highPassOrder: 4,
  lowFreqHz: 20,
  lowFreqFloorHz: 1,
  mains: 'auto',
  initialMains: 0,
  humBandwidthHz: 2,
  maxHumHz: 500,
  mainsDetector: Object.freeze({
    blockMs: 1000,
    onRatio: 10,
    offRatio: 2,
    minHumUv: 0.5,
    confirmBlocks: 2,
    switchBlocks: 3,
    releaseBlocks: 30,
  }),
  railTolerance: 0.01,
  minRailUv: 1000,
  railFraction: 0.5,
  flatStdUv: 0.05,
});

/** Fills in defaults, checks every value (RangeError naming the option) and freezes the result. */
export function resolveEmgOptions(input: EmgConditionerInput = {}): EmgConditionerOptions {
  const o: EmgConditionerOptions = {
    ...EMG_DEFAULTS,
    ...input,
    mainsDetector: Object.freeze({ ...EMG_DEFAULTS.mainsDetector, ...input.mainsDetector }),
  };
  positive('highPassHz', o.highPassHz);
  if (!Number.isInteger(o.highPassOrder) || o.highPassOrder < 2 || o.highPassOrder % 2 !== 0) {
    fail('highPassOrder', 'must be an even integer >= 2', o.highPassOrder);
  }
  positive('lowFreqHz', o.lowFreqHz);
  positive('lowFreqFloorHz', o.lowFreqFloorHz);
  if (o.lowFreqFloorHz >= o.lowFreqHz) fail('lowFreqFloorHz', 'must be below lowFreqHz', o.lowFreqFloorHz);
  if (![0, 50, 60, 'auto'].includes(o.mains)) fail('mains', "must be 'auto', 0, 50 or 60", o.mains);
  positive('humBandwidthHz', o.humBandwidthHz);
  positive('maxHumHz', o.maxHumHz);
  const d = o.mainsDetector;
  positive('mainsDetector.blockMs', d.blockMs);
  positive('mainsDetector.onRatio', d.onRatio);
  positive('mainsDetector.offRatio', d.offRatio);
  if (d.offRatio > d.onRatio) fail('mainsDetector.offRatio', 'must not exceed onRatio', d.offRatio);
  positive('mainsDetector.minHumUv', d.minHumUv);
  for (const k of ['confirmBlocks', 'switchBlocks', 'releaseBlocks'] as const) {
    if (!Number.isInteger(d[k]) || d[k] < 1) fail(`mainsDetector.${k}`, 'must be an integer >= 1', d[k]);
  }
  fraction('railTolerance', o.railTolerance);
  positive('minRailUv', o.minRailUv);
  fraction('railFraction', o.railFraction);
  positive('flatStdUv', o.flatStdUv);
  return Object.freeze(o);
}

function positive(name: string, v: number): void {
  if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) fail(name, 'must be a positive number', v);
}

function fraction(name: string, v: number): void {
  if (!(typeof v === 'number' && v > 0 && v <= 1)) fail(name, 'must be in (0, 1]', v);
}

function fail(name: string, expectation: string, got: unknown): never {
  throw new RangeError(`emg option ${name} ${expectation}, got ${String(got)}`);
}
