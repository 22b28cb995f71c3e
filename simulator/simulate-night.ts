import { type BandReport, bandMessages } from './band/band-stream.ts';
import { createBandTraits } from './band/traits.ts';
import { planFaults } from './network/fault-plan.ts';
import { type GatewayReport, gatewayMessages } from './network/gateway.ts';
import { mergeBySendTime } from './network/merge-by-send-time.ts';
import type { SimMessage } from './network/sim-message.ts';
import { resolveSimulationOptions, type SimulationInput, type SimulationOptions } from './options.ts';
import { planNight } from './plan/plan-night.ts';
import { bandTruth } from './truth/band-truth.ts';
import type { SimulationTruth } from './truth/truth.ts';

/**
 * Simulates a night of `bands` calf bands: yields every MQTT message in arrival order and, when
 * exhausted, returns the ground truth. Pure and deterministic: the same options give the same
 * messages and truth; samples are rendered frame by frame as they are taken, so memory stays
 * flat (apart from a gateway's backlog during an outage). Throws SimulationOptionError for bad
 * options before yielding anything.
 */
export function simulateNight(
  input: SimulationInput | SimulationOptions = {},
): Generator<SimMessage, SimulationTruth> {
  const options = resolveSimulationOptions(input);
  return run(options);
}

function* run(options: SimulationOptions): Generator<SimMessage, SimulationTruth> {
  const bands = Array.from({ length: options.bands }, (_, index) => {
    const traits = createBandTraits(options, index);
    const plan = planNight(options, traits);
    const faults = planFaults(options, index);
    const reports: { band?: BandReport; network?: GatewayReport } = {};
    const band = bandMessages(options, traits, plan, faults, (r) => {
      reports.band = r;
    });
    const stream = gatewayMessages(band, options, traits, faults, (r) => {
      reports.network = r;
    });
    return { traits, plan, stream, reports };
  });
  yield* mergeBySendTime(bands.map((b) => b.stream));
  return {
    version: 1,
    seed: options.seed,
    minutes: options.minutes,
    profile: options.profile,
    startMs: options.startMs,
    endMs: options.startMs + Math.round(options.minutes * 60_000),
    emgHz: options.emgHz,
    accelHz: options.accelHz,
    frameMs: options.frameMs,
    encoding: options.encoding,
    topicPrefix: options.topicPrefix,
    faults: options.faults,
    bands: bands.map(({ traits, plan, reports }) => {
      if (!reports.band || !reports.network) throw new Error(`${traits.device}: stream ended early`);
      return bandTruth(options.startMs, traits, plan, reports.band, reports.network);
    }),
  };
}
