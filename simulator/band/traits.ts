import type { DeviceId } from '../../protocol/index.ts';
import type { SimulationOptions } from '../options.ts';
import { PROFILES } from '../profiles.ts';
import { createRng } from '../random/rng.ts';
import type { TruthTraits } from '../truth/truth.ts';

/** A band and its wearer: what the truth reports, plus what only the generator needs. */
export interface BandTraits extends TruthTraits {
  readonly device: DeviceId;
  /** 0-based band index; streams of random numbers are named after it. */
  readonly index: number;
  /** Relative amplitudes of the mains harmonics 1-5 (before normalising to `humUv`). */
  readonly harmonics: readonly number[];
  /** Mains frequency error of the grid, a few mHz. */
  readonly mainsErrorHz: number;
  readonly leadOffsPerNight: number;
  readonly popsPerHour: number;
  readonly batteryStart: number;
  readonly batteryPerHour: number;
  /** Gateway latency from frame end to publishing. */
  readonly latencyMs: number;
}

const FIRMWARE = ['2.0.3', '2.1.0', '2.1.1'] as const;

/** Draws band `index`'s traits from its own random stream: the same for any number of bands. */
export function createBandTraits(options: SimulationOptions, index: number): BandTraits {
  const rng = createRng(options.seed, 'band', index, 'traits');
  const profile = PROFILES[options.profile];
  const hardNight = rng.chance(profile.hardNightChance);
  const restUv = rng.uniform(2.5, 4.5);
  const hasFootDraw = rng.chance(0.7);
  const hasFoot = options.foot === 'all' || (options.foot === 'random' && hasFootDraw);
  const shankMountDeg = round2(rng.uniform(-5, 5));
  const footMountDeg = round2(rng.uniform(-6, 6));
  const hasEcg = rng.chance(0.35);
  const ecgUv = rng.uniform(10, 60);
  return {
    device: `band-${index + 1}`,
    index,
    side: rng.chance(0.5) ? 'left' : 'right',
    hasFoot,
    mainsHz: rng.chance(0.5) ? 50 : 60,
    mainsErrorHz: rng.uniform(-0.03, 0.03),
    // Mains hum can exceed resting EMG several times (detector notes, "mains hum").
    humUv: round2(restUv * rng.logUniform(0.3, hardNight ? 10 : 6)),
    harmonics: [1, rng.uniform(0, 0.3), rng.uniform(0.1, 0.6), rng.uniform(0, 0.2), rng.uniform(0, 0.3)],
    ecgUv: hasEcg ? round2(ecgUv) : 0,
    heartRateBpm: round2(rng.uniform(50, 72)),
    restUv: round2(restUv),
    driftRatio: round2(hardNight ? rng.uniform(2, 3) : rng.uniform(1.2, 1.6)),
    hardNight,
    shankMountDeg,
    footMountDeg,
    neutralAngleDeg: round2(90 + footMountDeg - shankMountDeg),
    profile: options.profile,
    rateFactor: round2(rng.logNormal(1, 0.3)),
    boot: rng.int(1, 0xffffffff),
    fw: rng.pick(FIRMWARE),
    leadOffsPerNight: hardNight ? rng.uniform(2, 4) : rng.uniform(0.3, 1.5),
    popsPerHour: rng.logUniform(1, hardNight ? 30 : 10),
    batteryStart: rng.uniform(0.6, 1),
    batteryPerHour: rng.uniform(0.01, 0.04),
    latencyMs: rng.int(20, 80),
  };
}

/** The truth's view of the traits: the serialisable, documented part. */
export function truthTraits(t: BandTraits): TruthTraits {
  return {
    side: t.side,
    hasFoot: t.hasFoot,
    mainsHz: t.mainsHz,
    humUv: t.humUv,
    ecgUv: t.ecgUv,
    heartRateBpm: t.heartRateBpm,
    restUv: t.restUv,
    driftRatio: t.driftRatio,
    hardNight: t.hardNight,
    shankMountDeg: t.shankMountDeg,
    footMountDeg: t.footMountDeg,
    neutralAngleDeg: t.neutralAngleDeg,
    profile: t.profile,
    rateFactor: t.rateFactor,
    boot: t.boot,
    fw: t.fw,
  };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
