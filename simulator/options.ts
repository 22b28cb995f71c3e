import {
  ACCEL_HZ_MAX,
  ACCEL_HZ_MIN,
  DEFAULT_TOPIC_PREFIX,
  EMG_HZ_MAX,
  EMG_HZ_MIN,
  type EpochMs,
  FRAME_SPAN_MAX_MS,
  FRAME_SPAN_MIN_MS,
} from '../protocol/index.ts';
import {
  FAULT_PRESETS,
  type FaultPresetName,
  type FaultSettings,
  isFaultPresetName,
} from './fault-presets.ts';
import { isProfileName, PROFILES, type ProfileName } from './profiles.ts';
import { createRng } from './random/rng.ts';

export type FrameEncoding = 'binary' | 'json' | 'mixed';
/** Which bands wear the foot clip: each at random (70%), all, or none. */
export type FootClip = 'random' | 'all' | 'none';

/** Everything a simulated night depends on, validated and frozen by {@link resolveSimulationOptions}. */
export interface SimulationOptions {
  readonly seed: number;
  readonly minutes: number;
  readonly bands: number;
  readonly profile: ProfileName;
  readonly emgHz: number;
  readonly accelHz: number;
  readonly frameMs: number;
  readonly encoding: FrameEncoding;
  /** Band clock at the start of the night (t0 of each band's first frame). */
  readonly startMs: EpochMs;
  readonly foot: FootClip;
  readonly topicPrefix: string;
  readonly faults: FaultSettings;
  /** Onset of the first cramp on every band, seconds into the night (overrides the profile's). */
  readonly firstCrampAtS: number | undefined;
}

/** What a caller may set; anything left out takes its default. `faults` may name a preset. */
export type SimulationInput = Partial<Omit<SimulationOptions, 'faults'>> & {
  readonly faults?: FaultPresetName | FaultSettings;
};

export const SIMULATION_DEFAULTS = Object.freeze({
  seed: 1,
  minutes: 480,
  bands: 1,
  profile: 'typical',
  emgHz: 1000,
  accelHz: 50,
  frameMs: 200,
  encoding: 'binary',
  foot: 'random',
  faults: 'light',
  topicPrefix: DEFAULT_TOPIC_PREFIX,
} as const);

export const FRAME_ENCODINGS: readonly FrameEncoding[] = ['binary', 'json', 'mixed'];
export const FOOT_CLIPS: readonly FootClip[] = ['random', 'all', 'none'];
const MAX_BANDS = 100;
const MAX_MINUTES = 24 * 60;
const DAY_MS = 86_400_000;

/** An option with a value it cannot take; `option` is the {@link SimulationInput} key. */
export class SimulationOptionError extends RangeError {
  override name = 'SimulationOptionError';
  constructor(
    readonly option: string,
    readonly expectation: string,
    readonly got: unknown,
  ) {
    super(`${option} ${expectation}, got ${typeof got === 'string' ? JSON.stringify(got) : String(got)}`);
  }
}

/** Fills in defaults, checks every value and freezes the result. Throws {@link SimulationOptionError}. */
export function resolveSimulationOptions(input: SimulationInput = {}): SimulationOptions {
  const d = SIMULATION_DEFAULTS;
  const seed = check('seed', input.seed ?? d.seed, 'must be a non-negative integer', isSeed);
  const minutes = check('minutes', input.minutes ?? d.minutes, 'must be a positive number', (x) => {
    return x > 0 && x <= MAX_MINUTES;
  });
  const bands = check('bands', input.bands ?? d.bands, `must be an integer from 1 to ${MAX_BANDS}`, (x) =>
    isIntIn(x, 1, MAX_BANDS),
  );
  const profile = input.profile ?? d.profile;
  if (!isProfileName(profile)) {
    throw new SimulationOptionError('profile', `must be one of ${Object.keys(PROFILES).join(', ')}`, profile);
  }
  const emgHz = check(
    'emgHz',
    input.emgHz ?? d.emgHz,
    `must be an integer from ${EMG_HZ_MIN} to ${EMG_HZ_MAX}`,
    (x) => isIntIn(x, EMG_HZ_MIN, EMG_HZ_MAX),
  );
  const accelHz = check(
    'accelHz',
    input.accelHz ?? d.accelHz,
    `must be an integer from ${ACCEL_HZ_MIN} to ${ACCEL_HZ_MAX}`,
    (x) => isIntIn(x, ACCEL_HZ_MIN, ACCEL_HZ_MAX),
  );
  const frameMs = check(
    'frameMs',
    input.frameMs ?? d.frameMs,
    `must be an integer from ${FRAME_SPAN_MIN_MS} to ${FRAME_SPAN_MAX_MS}`,
    (x) => isIntIn(x, FRAME_SPAN_MIN_MS, FRAME_SPAN_MAX_MS),
  );
  if (minutes * 60_000 < frameMs) {
    throw new SimulationOptionError('minutes', `must give at least one frame (${frameMs} ms)`, minutes);
  }
  const encoding = input.encoding ?? d.encoding;
  if (!FRAME_ENCODINGS.includes(encoding)) {
    throw new SimulationOptionError('encoding', `must be one of ${FRAME_ENCODINGS.join(', ')}`, encoding);
  }
  const foot = input.foot ?? d.foot;
  if (!FOOT_CLIPS.includes(foot)) {
    throw new SimulationOptionError('foot', `must be one of ${FOOT_CLIPS.join(', ')}`, foot);
  }
  const startMs = check(
    'startMs',
    input.startMs ?? defaultStartMs(seed),
    'must be Unix milliseconds',
    (x) => {
      return Number.isSafeInteger(x) && x >= 0;
    },
  );
  const topicPrefix = input.topicPrefix ?? d.topicPrefix;
  if (!/^[^#+]+$/.test(topicPrefix) || topicPrefix.endsWith('/')) {
    throw new SimulationOptionError(
      'topicPrefix',
      'must be a topic without wildcards or a trailing /',
      topicPrefix,
    );
  }
  const firstCrampAtS = input.firstCrampAtS;
  if (firstCrampAtS !== undefined && !(firstCrampAtS >= 0 && firstCrampAtS < minutes * 60)) {
    throw new SimulationOptionError(
      'firstCrampAtS',
      'must be a time within the night, in seconds',
      firstCrampAtS,
    );
  }
  const faults = resolveFaults(input.faults ?? d.faults);
  return Object.freeze({
    seed,
    minutes,
    bands,
    profile,
    emgHz,
    accelHz,
    frameMs,
    encoding,
    startMs,
    foot,
    topicPrefix,
    faults,
    firstCrampAtS,
  });
}

/** A fixed evening derived from the seed: 22:00 UTC on one of 60 days from 2026-01-15. */
export function defaultStartMs(seed: number): EpochMs {
  return Date.UTC(2026, 0, 15, 22, 0, 0) + createRng(seed, 'start').int(0, 59) * DAY_MS;
}

function resolveFaults(faults: FaultPresetName | FaultSettings): FaultSettings {
  if (typeof faults === 'string') {
    if (!isFaultPresetName(faults)) {
      throw new SimulationOptionError(
        'faults',
        `must be one of ${Object.keys(FAULT_PRESETS).join(', ')}`,
        faults,
      );
    }
    return FAULT_PRESETS[faults];
  }
  for (const key of ['lossProbability', 'duplicateProbability', 'rebootProbability'] as const) {
    check(`faults.${key}`, faults[key], 'must be a probability from 0 to 1', (x) => x >= 0 && x <= 1);
  }
  for (const key of [
    'lossBurstsPerHour',
    'lossBurstMaxFrames',
    'outagesPerNight',
    'outageMaxMinutes',
  ] as const) {
    check(`faults.${key}`, faults[key], 'must be a non-negative number', (x) => x >= 0 && Number.isFinite(x));
  }
  for (const key of ['outageAtS', 'outageDurationS', 'rebootAtS'] as const) {
    const v = faults[key];
    if (v !== undefined) check(`faults.${key}`, v, 'must be a non-negative number of seconds', (x) => x >= 0);
  }
  return Object.freeze({ ...faults });
}

function check(option: string, value: unknown, expectation: string, ok: (x: number) => boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new SimulationOptionError(option, expectation, value);
  }
  return value;
}

function isSeed(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

function isIntIn(x: number, lo: number, hi: number): boolean {
  return Number.isInteger(x) && x >= lo && x <= hi;
}
