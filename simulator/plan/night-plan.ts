import type { TruthEvent } from '../truth/truth.ts';
import type { BaselineDrift } from './baseline-drift.ts';
import type { Timed } from './timed.ts';

/**
 * A band's night, planned ahead: what the leg and muscle do and when, as lists sorted by start.
 * The frame renderers turn it into samples; the truth is read off the same plan, so signal and
 * truth cannot disagree. Times are milliseconds since the start of the night.
 */
export interface NightPlan {
  readonly durationMs: number;
  readonly postures: readonly PostureSegment[];
  readonly poseModifiers: readonly PoseModifier[];
  readonly motions: readonly Motion[];
  readonly emgComponents: readonly EmgComponent[];
  readonly leadOffs: readonly LeadOff[];
  readonly pops: readonly Pop[];
  /** Awake and in pain (cramp to a minute after the stretch): the heart beats faster. */
  readonly arousals: readonly Timed[];
  /** Resting EMG level over the night, before the posture's factor. */
  readonly baseline: BaselineDrift;
  /** Episodes as the ground truth reports them, in Unix ms of the band clock. */
  readonly events: readonly TruthEvent[];
}

export type Posture = 'supine' | 'prone' | 'left_side' | 'right_side';

/** How the leg lies in one posture. */
export interface PostureState {
  readonly posture: Posture;
  /** Roll about the shank's long axis: 0 supine, 90 lying on the left side, 180 prone, -90 right. */
  readonly rollDeg: number;
  /** Shank tilt, knee above ankle. */
  readonly elevDeg: number;
  /** Resting plantar flexion of the foot in this posture, degrees beyond neutral. */
  readonly footPfDeg: number;
  /** Mains pickup changes with where the cable lies. */
  readonly humFactor: number;
  /** Resting EMG changes with electrode pressure. */
  readonly restFactor: number;
}

/** The leg still in one posture (`from === to`), or turning from one to another. */
export interface PostureSegment extends Timed {
  readonly from: PostureState;
  readonly to: PostureState;
  /** Signed roll travelled in a turn (supine to prone goes over one side or the other). */
  readonly rollTravelDeg: number;
  /** The roll itself happens within [rollStartMs, rollEndMs], inside the turn's fidgeting. */
  readonly rollStartMs: number;
  readonly rollEndMs: number;
}

/** A temporary change of pose on top of the posture, a trapezoid in time. */
export interface PoseModifier extends Timed {
  readonly rampInMs: number;
  readonly rampOutMs: number;
  /** Added plantar flexion (negative: dorsiflexion). */
  readonly ankleDeg: number;
  readonly elevDeg: number;
  readonly rollDeg: number;
}

/** The leg moving: dynamic acceleration (band-limited, RMS in mg) and EMG motion artifact. */
export interface Motion extends Timed {
  readonly rampInMs: number;
  readonly rampOutMs: number;
  readonly mg: number;
  /** Low-frequency (< 20 Hz) artifact in the EMG, RMS in microvolts. */
  readonly artifactUv: number;
}

/**
 * Muscle activity: a unit-RMS source scaled by an envelope. Sources are mixed by weight (their
 * squares sum to 1, so the envelope is the component's RMS): `hold` is real isometric-hold EMG,
 * `motorUnits` synthetic irregular motor-unit trains, `phasic` real walking calf bursts, `noise`
 * broadband noise.
 */
export interface EmgComponent extends Timed {
  readonly mix: SourceMix;
  /** Breakpoints of the RMS envelope, linear in between: times (ms) and levels (µV). */
  readonly envelopeMs: readonly number[];
  readonly envelopeUv: readonly number[];
  /** Seed of the component's own random choices (texture, offsets, motor units). */
  readonly seed: number;
}

export interface SourceMix {
  readonly hold: number;
  readonly motorUnits: number;
  readonly phasic: number;
  readonly noise: number;
}

/** An electrode off the skin: EMG rails to full scale or goes flat. */
export interface LeadOff extends Timed {
  readonly mode: 'rail' | 'flat';
  /** The rail's sign, or the flat line's level. */
  readonly levelUv: number;
  /** Whether the band notices and says so in its status. */
  readonly flagged: boolean;
}

/** An electrode pop: a step that decays, with a broadband burst. */
export interface Pop extends Timed {
  readonly amplitudeUv: number;
  readonly tauMs: number;
}
