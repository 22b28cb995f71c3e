/**
 * The streaming detector (issue 3): per band, pure — no I/O, no timers, time from the samples.
 * Feed it the ingest's items in arrival order; it returns alert phases of the events it finds.
 */

import { Detector } from './detector.ts';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector-config.ts';
import { createEmgConditioner } from './emg/index.ts';
import { createMotionAnalyzer } from './motion/index.ts';
import type { StageFactory } from './stages.ts';

export { Detector } from './detector.ts';
export type { DetectorConfig } from './detector-config.ts';
export { DEFAULT_DETECTOR_CONFIG } from './detector-config.ts';
export type { DetectorInput } from './detector-input.ts';
export type { DetectorOutput } from './detector-output.ts';
export type { EmgEpoch, MotionEpoch, Posture } from './epoch.ts';
export { EPOCH_MS } from './epoch.ts';

/** The stages every band gets: the EMG conditioner and the accelerometer analyzer. */
export const DEFAULT_STAGES: StageFactory = {
  emg: () => createEmgConditioner(),
  motion: () => createMotionAnalyzer(),
};

/** A detector with the default stages and the given thresholds (defaults documented in detector-config.ts). */
export function createDetector(config: Partial<DetectorConfig> = {}): Detector {
  return new Detector(DEFAULT_STAGES, Object.freeze({ ...DEFAULT_DETECTOR_CONFIG, ...config }));
}
