import type { DeviceId, EpochMs } from '../protocol/index.ts';
import type { EmgEpoch, MotionEpoch, Posture } from './epoch.ts';

/** Signal quality of one second, worst first. */
export type SecondQuality = 'lead_off' | 'noisy' | 'good';

/**
 * One second of one band as the detector saw it: the timeline's raw material (stored per second,
 * see `storage/store.ts`, `SignalSecond`). Seconds without samples (gaps) have no summary.
 */
export interface SecondSummary {
  readonly device: DeviceId;
  /** Start of the second (a multiple of 1000). */
  readonly t: EpochMs;
  /** EMG envelope (conditioned RMS of each 100 ms epoch), µV: mean and max over the second. */
  readonly envUv: number;
  readonly envMaxUv: number;
  /** The resting baseline, µV, or null before the band has one. */
  readonly baselineUv: number | null;
  /** Largest leg movement in the second, mg. */
  readonly movementMg: number;
  /** Mean plantar flexion beyond the band's neutral over the observable epochs, degrees; null if none. */
  readonly flexionDeg: number | null;
  /** Fraction of the second's epochs in which the ankle angle was observable. */
  readonly observable: number;
  /** Flexion passed the plantar-flexion threshold in some epoch of the second. */
  readonly plantarFlexed: boolean;
  /** Posture of the second's last epoch. */
  readonly posture: Posture;
  readonly quality: SecondQuality;
  /** Largest mains hum removed, µV RMS. */
  readonly humUv: number;
}

/** What one epoch adds to its second. */
export interface EpochFacts {
  readonly emg: EmgEpoch;
  readonly motion: MotionEpoch;
  /** Flexion beyond neutral, or null when unobservable. */
  readonly flexionDeg: number | null;
  readonly leadOff: boolean;
  readonly baselineUv: number | undefined;
}

/**
 * Hum above this (µV RMS, before the notches remove it) marks a second `noisy`. Hum of tens of µV
 * is common and the notches remove it with no effect on detection (they take out under 4% of the
 * EMG's power); hum this large eats into the ADC's range and leaks around the notches, and it
 * means an electrode contact the wearer can improve (estimate).
 */
export const NOISY_HUM_UV = 100;
/** Low-frequency content above this (µV RMS) marks a second `noisy`: cable or electrode movement (estimate). */
export const NOISY_LOW_FREQ_UV = 200;

/**
 * Folds a band's 100 ms epochs into one summary per second of band time, emitted when the next
 * second begins (or at {@link flush}: a gap, a reboot, the end of the stream).
 */
export class SecondSummarizer {
  private second: EpochMs | undefined;
  private epochs = 0;
  private envSum = 0;
  private envMax = 0;
  private movementMax = 0;
  private flexionSum = 0;
  private observableEpochs = 0;
  private plantarFlexed = false;
  private leadOff = false;
  private noisy = false;
  private humMax = 0;
  private posture: Posture = 'unknown';
  private baselineUv: number | undefined;

  constructor(
    private readonly device: DeviceId,
    private readonly plantarFlexionDeg: number,
    private readonly emit: (summary: SecondSummary) => void,
  ) {}

  epoch(facts: EpochFacts): void {
    const second = Math.floor(facts.emg.startMs / 1000) * 1000;
    if (second !== this.second) {
      this.flush();
      this.second = second;
    }
    const { emg, motion, flexionDeg } = facts;
    this.epochs++;
    this.envSum += emg.rmsUv;
    this.envMax = Math.max(this.envMax, emg.rmsUv);
    this.movementMax = Math.max(this.movementMax, motion.movementMg);
    if (flexionDeg !== null) {
      this.flexionSum += flexionDeg;
      this.observableEpochs++;
      if (flexionDeg >= this.plantarFlexionDeg) this.plantarFlexed = true;
    }
    this.leadOff ||= facts.leadOff;
    this.noisy ||= emg.humUv > NOISY_HUM_UV || emg.lowFreqUv > NOISY_LOW_FREQ_UV;
    this.humMax = Math.max(this.humMax, emg.humUv);
    this.posture = motion.posture;
    this.baselineUv = facts.baselineUv;
  }

  /** Emits the second being folded, if any. */
  flush(): void {
    if (this.second === undefined || this.epochs === 0) {
      this.second = undefined;
      return;
    }
    // Lead-off seconds keep their (meaningless) values: `quality` says to ignore them.
    this.emit({
      device: this.device,
      t: this.second,
      envUv: round2(this.envSum / this.epochs),
      envMaxUv: round2(this.envMax),
      baselineUv: this.baselineUv === undefined ? null : round2(this.baselineUv),
      movementMg: round2(this.movementMax),
      flexionDeg: this.observableEpochs === 0 ? null : round2(this.flexionSum / this.observableEpochs),
      observable: round2(this.observableEpochs / this.epochs),
      plantarFlexed: this.plantarFlexed,
      posture: this.posture,
      quality: this.leadOff ? 'lead_off' : this.noisy ? 'noisy' : 'good',
      humUv: round2(this.humMax),
    });
    this.second = undefined;
    this.epochs = this.observableEpochs = 0;
    this.envSum = this.envMax = this.movementMax = this.flexionSum = this.humMax = 0;
    this.plantarFlexed = this.leadOff = this.noisy = false;
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
