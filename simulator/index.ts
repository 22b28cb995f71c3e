/**
 * The simulator: seeded, deterministic nights of calf-band data (EMG, shank and foot
 * accelerometers, statuses) with ground truth, for developing and evaluating the detector.
 * `simulateNight` is the pure generator; `writeSimulation` writes a recording and its truth;
 * `publishSimulation` publishes a night live; `replayRecording` publishes a recording as captured.
 */

export type { FaultPresetName, FaultSettings } from './fault-presets.ts';
export { FAULT_PRESETS } from './fault-presets.ts';
export { ankleAngleDeg, pitchDeg } from './kinematics/ankle-angle.ts';
export type { Clock } from './live/clock.ts';
export { systemClock } from './live/clock.ts';
export type { Connect } from './live/connect.ts';
export type { PublishSimulationOptions, PublishSummary } from './live/publish-simulation.ts';
export { liveStartMs, publishSimulation } from './live/publish-simulation.ts';
export type { ReplayOptions, ReplaySummary } from './live/replay-recording.ts';
export { replayRecording } from './live/replay-recording.ts';
export type { SimMessage } from './network/sim-message.ts';
export type { FootClip, FrameEncoding, SimulationInput, SimulationOptions } from './options.ts';
export {
  FOOT_CLIPS,
  FRAME_ENCODINGS,
  resolveSimulationOptions,
  SIMULATION_DEFAULTS,
  SimulationOptionError,
} from './options.ts';
export type { WriteSimulationHooks, WrittenSimulation } from './output/write-simulation.ts';
export { truthPathFor, writeSimulation } from './output/write-simulation.ts';
export type { Profile, ProfileName } from './profiles.ts';
export { PROFILES } from './profiles.ts';
export type { Rng } from './random/rng.ts';
export { createRng } from './random/rng.ts';
export { simulateNight } from './simulate-night.ts';
export type {
  BandTruth,
  NetworkTruth,
  PostureInterval,
  SimulationTruth,
  TruthEvent,
  TruthEventKind,
  TruthSeries,
  TruthTraits,
} from './truth/truth.ts';
