import type { DeviceId, EpochMs } from '../../protocol/index.ts';
import type { FaultSettings } from '../fault-presets.ts';
import type { FrameEncoding } from '../options.ts';
import type { Posture } from '../plan/night-plan.ts';
import type { ProfileName } from '../profiles.ts';

/**
 * The ground truth of a simulated night, written next to the recording as `FILE.truth.json`.
 *
 * All times are Unix milliseconds on the band's clock, the clock of the frames' `t0`. Per band:
 * - `traits`: what the band and its wearer are like (see {@link TruthTraits}).
 * - `events`: every episode, sorted by `start`; each has `kind`, `start`, `end` and per-kind fields:
 *   - `cramp`: `start` is the onset of the sustained contraction, `end` the end of the stretch
 *     that ends it; `preStart` (the silent tension rise before), `stretchStart`, `peakUv` (EMG RMS
 *     at its height, resting EMG included), `baselineUv` (resting RMS at onset), `weak` (a cramp
 *     near the noise floor), `plantarFlexionDeg` (forced foot position, beyond neutral);
 *   - `stretch`: the loud, moving burst that ends a cramp (not a new cramp);
 *   - `spasm` (0.5-10 s, leg still), `twitch` (< 2 s), `leg_movement` (isolated, 0.5-10 s),
 *     each with `peakUv`;
 *   - `plm_series`: >= 4 periodic leg movements, `movements: [{start, end}]`;
 *   - `turn`: turning over, `from` and `to` postures;
 *   - `plantar_flexion`: the foot >= 20° beyond neutral for >= 60 s (derived from the 1 Hz
 *     series), with `maxDeg` and `observableFraction`;
 *   - `lead_off`: `mode` (`rail` or `flat`) and `flagged` (the band's status said `leadOff`);
 *   - `pop`: an electrode pop, `amplitudeUv`;
 *   - `outage`: the gateway was offline; the `frames` the band handed over meanwhile (those
 *     ending within it) arrived late, uploaded between `uploadStart` and `uploadEnd` (send times),
 *     interleaved with live frames; the broker published the band's will (offline) 90 s in;
 *   - `lost_frames`: frames that never arrived, `boot`, `firstSeq`, `frames`;
 *   - `reboot`: the band restarted: no frames from `start` to `end`, then `boot` (new) from seq 0.
 * - `postures`: still postures and turns as intervals (`posture` is `turning` during a turn).
 * - `series`: columnar, one value a second from `startMs` every `stepMs`: `angleDeg` (ankle angle
 *   by the protocol's formula from noise-free accelerometer vectors, mounting offsets included;
 *   90° + offset is neutral), `plantarFlexionDeg` (anatomical, beyond neutral), `observable`
 *   (false without the foot clip, while the leg moves, or when lying on the side: the flexion
 *   axis within 60° of vertical), `restingUv` (resting EMG RMS, without hum or ECG).
 * - `network`: counts of frames generated, delivered, lost, duplicated (same boot and seq again)
 *   and uploaded late.
 */
export interface SimulationTruth {
  readonly version: 1;
  readonly seed: number;
  readonly minutes: number;
  readonly profile: ProfileName;
  readonly startMs: EpochMs;
  readonly endMs: EpochMs;
  readonly emgHz: number;
  readonly accelHz: number;
  readonly frameMs: number;
  readonly encoding: FrameEncoding;
  readonly topicPrefix: string;
  readonly faults: FaultSettings;
  readonly bands: readonly BandTruth[];
}

export interface BandTruth {
  readonly device: DeviceId;
  readonly traits: TruthTraits;
  readonly events: readonly TruthEvent[];
  readonly postures: readonly PostureInterval[];
  readonly series: TruthSeries;
  readonly network: NetworkTruth;
}

/** A band and its wearer, drawn from the seed. */
export interface TruthTraits {
  readonly side: 'left' | 'right';
  readonly hasFoot: boolean;
  readonly mainsHz: 50 | 60;
  /** RMS of mains hum with its harmonics, before the posture's factor. */
  readonly humUv: number;
  /** R-wave amplitude of ECG bleed, 0 when there is none. */
  readonly ecgUv: number;
  readonly heartRateBpm: number;
  /** Resting EMG RMS around which the baseline drifts, and the drift's max/min ratio. */
  readonly restUv: number;
  readonly driftRatio: number;
  readonly hardNight: boolean;
  /** Sensor mounting offsets (pitch about the flexion axis) of the shank band and foot clip. */
  readonly shankMountDeg: number;
  readonly footMountDeg: number;
  /** The ankle angle a neutral foot reads: 90 + footMountDeg - shankMountDeg. */
  readonly neutralAngleDeg: number;
  readonly profile: ProfileName;
  /** This band's multiplier on the profile's episode rates. */
  readonly rateFactor: number;
  readonly boot: number;
  readonly fw: string;
}

export type TruthEventKind =
  | 'cramp'
  | 'stretch'
  | 'spasm'
  | 'twitch'
  | 'leg_movement'
  | 'plm_series'
  | 'turn'
  | 'plantar_flexion'
  | 'lead_off'
  | 'pop'
  | 'outage'
  | 'lost_frames'
  | 'reboot';

export interface TruthEvent {
  readonly kind: TruthEventKind;
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly [field: string]: unknown;
}

export interface PostureInterval {
  readonly start: EpochMs;
  readonly end: EpochMs;
  readonly posture: Posture | 'turning';
}

export interface TruthSeries {
  readonly startMs: EpochMs;
  readonly stepMs: number;
  readonly angleDeg: readonly number[];
  readonly plantarFlexionDeg: readonly number[];
  readonly observable: readonly boolean[];
  readonly restingUv: readonly number[];
}

export interface NetworkTruth {
  readonly framesGenerated: number;
  readonly framesDelivered: number;
  readonly framesLost: number;
  readonly duplicates: number;
  readonly framesLate: number;
  readonly boots: readonly number[];
}
