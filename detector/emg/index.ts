/**
 * The EMG stage of the detector: biquad filters (Audio EQ Cookbook), mains-hum detection and
 * removal, the motion high-pass, and the per-100 ms {@link EmgEpoch} summary of one device's
 * EMG stream (`createEmgConditioner`). Pure: no I/O, no timers, time comes from the samples.
 */
export { Biquad, biquad, highPass, lowPass, notch } from './biquad.ts';
export { BiquadChain } from './biquad-chain.ts';
export {
  butterworthHighPass,
  butterworthHighPassSections,
  butterworthLowPass,
  butterworthLowPassSections,
  butterworthQs,
} from './butterworth.ts';
export { Cascade, cascade } from './cascade.ts';
export type { EmgConditioner } from './emg-conditioner.ts';
export { createEmgConditioner } from './emg-conditioner.ts';
export type { EmgConditionerInput, EmgConditionerOptions } from './emg-options.ts';
export { EMG_DEFAULTS, resolveEmgOptions } from './emg-options.ts';
export { Goertzel } from './goertzel.ts';
export { HannWindow } from './hann-window.ts';
export { createHumNotches, humNotchFrequencies } from './hum-notches.ts';
export type { MainsDetectorOptions, MainsHz } from './mains-detector.ts';
export { MainsDetector } from './mains-detector.ts';
export type { BiquadCoefficients } from './rbj-coefficients.ts';
export {
  BUTTERWORTH_Q,
  highPassCoefficients,
  lowPassCoefficients,
  notchCoefficients,
  notchQForBandwidth,
} from './rbj-coefficients.ts';
export type { SampleFilter } from './sample-filter.ts';
