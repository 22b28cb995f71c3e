/**
 * The streaming detector (issue 3): per band, pure — no I/O, no timers, time from the samples.
 * Feed it the ingest's items in arrival order; it returns alert phases of the events it finds.
 */

import { Detector } from './detector.ts';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector-config.ts';
import { createEmgConditioner } from './emg/index.ts';
import { createMotionAnalyzer } from './motion/index.ts';
import type { SecondSummary } from './second-summary.ts';
import type { StageFactory } from './stages.ts';

export { Detector } from './detector.ts';
export type { DetectorConfig } from './detector-config.ts';
export { DEFAULT_DETECTOR_CONFIG } from './detector-config.ts';
export type { DetectorInput } from './detector-input.ts';
export type { DetectorOutput } from './detector-output.ts';
export type { EmgEpoch, MotionEpoch, Posture } from './epoch.ts';
export { EPOCH_MS } from './epoch.ts';
export type { SecondQuality, SecondSummary } from './second-summary.ts';

/** The stages every band gets: the EMG conditioner and the accelerometer analyzer. */
export const DEFAULT_STAGES: StageFactory = {
  emg: (initialMainsHz) =>
    createEmgConditioner(
      initialMainsHz === 50 || initialMainsHz === 60 ? { initialMains: initialMainsHz } : {},
    ),
  motion: () => createMotionAnalyzer(),
};

export interface DetectorOptions {
  /** Thresholds to change from their defaults (documented in detector-config.ts). */
  readonly config?: Partial<DetectorConfig>;
  /** Receives each band's per-second signal summary (the timeline); omit when not needed. */
  readonly onSecond?: (summary: SecondSummary) => void;
}

/** A detector with the default stages. */
export function createDetector(options: DetectorOptions = {}): Detector {
  return new Detector(
    DEFAULT_STAGES,
    Object.freeze({ ...DEFAULT_DETECTOR_CONFIG, ...options.config }),
    options.onSecond,
  );
}
