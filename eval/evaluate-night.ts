/**
 * One night of the evaluation: simulate it to a file, run the detector and the naive baseline
 * over the file, score both against the truth, delete the file.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { truthPathFor, writeSimulation } from '../simulator/index.ts';
import { type DetectionsOrError, isDetections } from './detections.ts';
import type { NightJob } from './eval-plan.ts';
import { runNaiveBaseline } from './naive-baseline.ts';
import { runDetector } from './run-detector.ts';
import { type BandScore, scoreBand } from './score-band.ts';

/** A band-night's conditions (from the truth's traits) and both systems' scores. */
export interface BandResult {
  readonly job: NightJob;
  readonly device: string;
  readonly hardNight: boolean;
  readonly hasFoot: boolean;
  readonly ecgBleed: boolean;
  readonly weakCramps: number;
  readonly detector: BandScore | { readonly error: string };
  readonly naive: BandScore;
}

export interface NightResult {
  readonly job: NightJob;
  readonly seconds: { readonly simulate: number; readonly detector: number; readonly naive: number };
  readonly bands: readonly BandResult[];
}

/** A function that runs a detector over a recording file: the CLI by default. */
export type DetectorRunner = (path: string, topicPrefix: string) => Promise<DetectionsOrError>;

export async function evaluateNight(
  job: NightJob,
  dir: string,
  detector: DetectorRunner = runDetector,
): Promise<NightResult> {
  const path = join(dir, `${job.set}-${job.seed}.jsonl`);
  try {
    const lap = stopwatch();
    const { truth } = await writeSimulation(
      {
        seed: job.seed,
        minutes: job.minutes,
        bands: job.bands,
        profile: job.profile,
        faults: job.faults,
        encoding: 'binary',
      },
      path,
    );
    const simulate = lap();
    const found = await detector(path, truth.topicPrefix);
    const detectorS = lap();
    const naive = await runNaiveBaseline(path, { topicPrefix: truth.topicPrefix });
    const naiveS = lap();
    const hours = job.minutes / 60;
    const bands = truth.bands.map(
      (band): BandResult => ({
        job,
        device: band.device,
        hardNight: band.traits.hardNight,
        hasFoot: band.traits.hasFoot,
        ecgBleed: band.traits.ecgUv > 0,
        weakCramps: band.events.filter((e) => e.kind === 'cramp' && e.weak === true).length,
        detector: isDetections(found) ? scoreBand(band, found, hours, true) : { error: found.error },
        naive: scoreBand(band, naive, hours, false),
      }),
    );
    return { job, seconds: { simulate, detector: detectorS, naive: naiveS }, bands };
  } finally {
    await rm(path, { force: true });
    await rm(truthPathFor(path), { force: true });
  }
}

/** Seconds since the previous call (or creation), to 0.1 s. */
function stopwatch(): () => number {
  let t = performance.now();
  return () => {
    const now = performance.now();
    const s = (now - t) / 1000;
    t = now;
    return Math.round(s * 10) / 10;
  };
}
