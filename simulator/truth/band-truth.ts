import type { BandReport } from '../band/band-stream.ts';
import { type BandTraits, truthTraits } from '../band/traits.ts';
import type { GatewayReport } from '../network/gateway.ts';
import type { NightPlan } from '../plan/night-plan.ts';
import type { BandTruth, PostureInterval } from './truth.ts';
import { plantarFlexionEvents, truthSeries } from './truth-series.ts';

/** Puts one band's truth together: planned episodes, what the band and the network did, the 1 Hz series. */
export function bandTruth(
  startMs: number,
  traits: BandTraits,
  plan: NightPlan,
  band: BandReport,
  network: GatewayReport,
): BandTruth {
  const series = truthSeries(plan, traits, startMs);
  const events = [...plan.events, ...plantarFlexionEvents(series), ...band.events, ...network.events].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  const postures: PostureInterval[] = plan.postures.map((p) => ({
    start: startMs + Math.round(p.startMs),
    end: startMs + Math.round(Math.min(p.endMs, plan.durationMs)),
    posture: p.from === p.to ? p.to.posture : 'turning',
  }));
  return {
    device: traits.device,
    traits: truthTraits(traits),
    events,
    postures,
    series,
    network: {
      framesGenerated: band.framesGenerated,
      framesDelivered: network.framesDelivered,
      framesLost: network.framesLost,
      duplicates: network.duplicates,
      framesLate: network.framesLate,
      boots: band.boots,
    },
  };
}
