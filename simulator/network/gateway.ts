import { bandTopic, encodeStatus, OFFLINE_STATUS } from '../../protocol/index.ts';
import type { BandMessage, BandStatusMessage } from '../band/band-message.ts';
import type { BandTraits } from '../band/traits.ts';
import type { SimulationOptions } from '../options.ts';
import { createRng } from '../random/rng.ts';
import type { TruthEvent } from '../truth/truth.ts';
import { createDuplicates } from './duplicates.ts';
import type { FaultPlan } from './fault-plan.ts';
import { createLostFrames } from './lost-frames.ts';
import { createOutageBuffer } from './outage-buffer.ts';
import type { SimMessage } from './sim-message.ts';

/** The broker publishes a dropped client's will after 1.5 keep-alive periods (MQTT 3.1.1 §3.1.2.10); 60 s keep-alive. */
const WILL_DELAY_MS = 90_000;

/** What the network did to one band's messages. */
export interface GatewayReport {
  readonly framesDelivered: number;
  readonly framesLost: number;
  readonly duplicates: number;
  readonly framesLate: number;
  readonly events: readonly TruthEvent[];
}

/**
 * Carries a band's messages to the broker through the planned faults: frames lost on their own
 * or in radio dropouts; duplicates; gateway outages, during which messages are buffered, the
 * broker publishes the band's last will once the keep-alive runs out, and on reconnection the
 * gateway republishes the band's latest status, resumes live frames at once and uploads the
 * backlog in order, several buffered messages after each live one (band protocol: "Frames can
 * arrive late"). Send times never go backwards.
 */
export function* gatewayMessages(
  band: Iterable<BandMessage>,
  options: SimulationOptions,
  traits: BandTraits,
  faults: FaultPlan,
  report: (r: GatewayReport) => void,
): Generator<SimMessage> {
  const rng = createRng(options.seed, 'band', traits.index, 'gateway');
  const backlogPerLive = rng.int(4, 8);
  const epoch = (tMs: number) => options.startMs + Math.round(tMs);
  const lost = createLostFrames(rng, options.faults.lossProbability, faults.lossBursts);
  const dups = createDuplicates(rng, options.faults.duplicateProbability);
  const buffer = createOutageBuffer(faults.outages, WILL_DELAY_MS, epoch);
  const will = encodeStatus(OFFLINE_STATUS);
  const statusTopic = bandTopic(options.topicPrefix, traits.device, 'status');
  let lastStatus: BandStatusMessage | undefined;
  let sendMs = options.startMs;
  let delivered = 0;
  const out = (m: BandMessage): SimMessage => ({
    topic: m.topic,
    payload: m.payload,
    device: traits.device,
    kind: m.kind,
    sendMs,
    retain: m.kind === 'status',
  });

  for (const m of band) {
    if (m.kind === 'frame') {
      const isLost = lost.isLost(m);
      dups.draw();
      if (isLost) continue;
      delivered++;
    } else {
      lastStatus = m;
    }
    if (buffer.hold(m)) {
      const outageStart = buffer.willDue(m.atMs);
      if (outageStart !== undefined) {
        sendMs = Math.max(sendMs, epoch(outageStart + WILL_DELAY_MS));
        yield {
          topic: statusTopic,
          payload: will,
          device: traits.device,
          kind: 'status',
          sendMs,
          retain: true,
        };
      }
      continue;
    }
    sendMs = Math.max(sendMs, epoch(m.atMs) + traits.latencyMs);
    if (m.kind === 'status' && m.offline) {
      // The band's goodbye comes last: after everything buffered and every repeat.
      yield* buffer.upload(Number.POSITIVE_INFINITY, sendMs).map(out);
      yield* dups.rest().map(out);
      yield out(m);
      continue;
    }
    if (buffer.reconnecting && lastStatus && m !== lastStatus) yield out(lastStatus);
    yield out(m);
    if (m.kind === 'frame') dups.schedule(m);
    yield* buffer.upload(backlogPerLive, sendMs).map(out);
    yield* dups.afterMessage().map(out);
  }
  yield* buffer.upload(Number.POSITIVE_INFINITY, sendMs).map(out);
  yield* dups.rest().map(out);
  report({
    framesDelivered: delivered,
    framesLost: lost.count,
    duplicates: dups.count,
    framesLate: buffer.framesLate,
    events: [...lost.events(), ...buffer.events],
  });
}
