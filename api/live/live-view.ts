import type { SecondSummary } from '../../detector/index.ts';
import type { EpochMs } from '../../protocol/index.ts';

/** The foot as the live view shows it: `unknown` when the ankle angle was not observable. */
export type FootPosition = 'plantar_flexed' | 'neutral' | 'unknown';

/** A band's latest second for the live view (`DeviceView.live`, the `summary` message; docs/api.md). */
export interface LiveView {
  /** Band time of the second. */
  readonly at: EpochMs;
  readonly quality: 'good' | 'noisy' | 'lead_off';
  readonly envUv: number;
  readonly baselineUv: number | null;
  readonly movementMg: number;
  readonly foot: FootPosition;
  readonly flexionDeg: number | null;
  readonly posture: string;
}

/** The live view of one of the detector's per-second summaries. */
export function liveViewOf(second: SecondSummary): LiveView {
  return {
    at: second.t,
    quality: second.quality,
    envUv: second.envUv,
    baselineUv: second.baselineUv,
    movementMg: second.movementMg,
    foot: footOf(second),
    flexionDeg: second.flexionDeg,
    posture: second.posture,
  };
}

function footOf(second: SecondSummary): FootPosition {
  if (second.flexionDeg === null) return 'unknown';
  return second.plantarFlexed ? 'plantar_flexed' : 'neutral';
}
