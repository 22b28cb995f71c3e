import type { MqttClient } from 'mqtt';
import { bandTopic, encodeStatus, OFFLINE_STATUS } from '../../protocol/index.ts';
import { resolveSimulationOptions, type SimulationInput } from '../options.ts';
import { simulateNight } from '../simulate-night.ts';
import type { SimulationTruth } from '../truth/truth.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Connect, connectMqtt, shortId } from './connect.ts';
import { createMqttSender, type MqttSender } from './mqtt-sender.ts';
import { createPacer } from './pacer.ts';

export interface PublishSimulationOptions extends SimulationInput {
  /** Broker, e.g. `mqtt://127.0.0.1:1883`. */
  readonly url: string;
  /** 1 is real time, 60 a minute a second, Infinity as fast as the broker takes it. Default 1. */
  readonly speed?: number;
  /** Stops publishing; the bands then say goodbye (offline status) and disconnect. */
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly connect?: Connect;
  readonly onProgress?: (fraction: number) => void;
}

export interface PublishSummary {
  readonly messages: number;
  readonly aborted: boolean;
  /** The night's band-clock start (see {@link liveStartMs}). */
  readonly startMs: number;
  /** The ground truth, when the night ran to its end. */
  readonly truth: SimulationTruth | undefined;
}

/**
 * Publishes a simulated night to a broker as the bands would, paced by the gateways' send times:
 * one MQTT client per band (its last will is the offline status, retained), frames QoS 1,
 * statuses QoS 1 retained. Resolves when the night is over or `signal` aborts; rejects if the
 * broker cannot be reached or the options are bad (SimulationOptionError).
 */
export async function publishSimulation(options: PublishSimulationOptions): Promise<PublishSummary> {
  const { url, speed = 1, signal, clock = systemClock, connect = connectMqtt, onProgress } = options;
  if (!(speed > 0)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  const given = resolveSimulationOptions(options);
  const sim =
    options.startMs === undefined
      ? resolveSimulationOptions({
          ...given,
          startMs: liveStartMs(clock.nowMs(), given.minutes * 60_000, speed),
        })
      : given;
  const { startMs } = sim;
  const devices = Array.from({ length: sim.bands }, (_, i) => `band-${i + 1}`);
  const clients = new Map<string, { client: MqttClient; sender: MqttSender }>();
  const run = shortId(clock.nowMs());
  try {
    for (const device of devices) {
      const client = await connect(url, {
        clientId: `cwsim-${device}-${run}`,
        clean: true,
        will: {
          topic: bandTopic(sim.topicPrefix, device, 'status'),
          payload: Buffer.from(encodeStatus(OFFLINE_STATUS)),
          qos: 1,
          retain: true,
        },
      });
      clients.set(device, { client, sender: createMqttSender(client) });
    }
    const pacer = createPacer({ speed, clock, ...(signal ? { signal } : {}) });
    const night = simulateNight(sim);
    const durationMs = sim.minutes * 60_000;
    let messages = 0;
    for (let r = night.next(); ; r = night.next()) {
      if (r.done) {
        for (const { sender } of clients.values()) await sender.flush();
        return { messages, aborted: false, startMs, truth: r.value };
      }
      const m = r.value;
      await pacer.waitFor(m.sendMs);
      if (signal?.aborted) break;
      await clients.get(m.device)!.sender.send(m.topic, m.payload, m.retain);
      if (++messages % 500 === 0) onProgress?.(Math.min(1, (m.sendMs - startMs) / durationMs));
    }
    // Aborted: each band says it is going offline, as its last will would.
    for (const [device, { sender }] of clients) {
      await sender.send(bandTopic(sim.topicPrefix, device, 'status'), encodeStatus(OFFLINE_STATUS), true);
    }
    return { messages, aborted: true, startMs, truth: undefined };
  } finally {
    await Promise.all([...clients.values()].map(({ client }) => client.endAsync()));
  }
}

/**
 * Live bands stream "now": the service refuses t0 more than 5 minutes ahead of its clock (band
 * protocol), and an accelerated night runs ahead of the wall clock. So the night starts in the
 * past by as much as it will gain, and ends at about the moment it finishes publishing.
 */
export function liveStartMs(nowMs: number, durationMs: number, speed: number): number {
  const gainMs = speed > 1 ? durationMs * (1 - 1 / Math.min(speed, Number.MAX_VALUE)) : 0;
  return Math.round(nowMs - gainMs);
}
