/**
 * Network faults between band, gateway and broker (band protocol, "What the service must do"):
 * lost frames, duplicates, a gateway outage uploaded late, a band reboot. Rates are per band.
 */
export interface FaultSettings {
  /** Chance that any one frame is lost on its own. */
  readonly lossProbability: number;
  /** Bursts of consecutive lost frames (a radio dropout), per hour. */
  readonly lossBurstsPerHour: number;
  readonly lossBurstMaxFrames: number;
  /** Chance that a frame is delivered twice (QoS 1 redelivery: same boot and seq). */
  readonly duplicateProbability: number;
  /** Expected gateway outages per 8-hour night; frames are buffered and uploaded late. */
  readonly outagesPerNight: number;
  readonly outageMaxMinutes: number;
  /** Chance that the band restarts once during the night (new boot, seq from 0). */
  readonly rebootProbability: number;
  /** Forces an outage at this time (seconds into the night) on every band. */
  readonly outageAtS?: number;
  readonly outageDurationS?: number;
  /** Forces a reboot at this time (seconds into the night) on every band. */
  readonly rebootAtS?: number;
}

export const FAULT_PRESETS = {
  none: {
    lossProbability: 0,
    lossBurstsPerHour: 0,
    lossBurstMaxFrames: 0,
    duplicateProbability: 0,
    outagesPerNight: 0,
    outageMaxMinutes: 0,
    rebootProbability: 0,
  },
  light: {
    lossProbability: 0.001,
    lossBurstsPerHour: 1,
    lossBurstMaxFrames: 25,
    duplicateProbability: 0.001,
    outagesPerNight: 0.5,
    outageMaxMinutes: 10,
    rebootProbability: 0.1,
  },
  heavy: {
    lossProbability: 0.01,
    lossBurstsPerHour: 6,
    lossBurstMaxFrames: 100,
    duplicateProbability: 0.005,
    outagesPerNight: 2,
    outageMaxMinutes: 30,
    rebootProbability: 0.5,
  },
} as const satisfies Record<string, FaultSettings>;

export type FaultPresetName = keyof typeof FAULT_PRESETS;

export function isFaultPresetName(x: unknown): x is FaultPresetName {
  return typeof x === 'string' && Object.hasOwn(FAULT_PRESETS, x);
}
