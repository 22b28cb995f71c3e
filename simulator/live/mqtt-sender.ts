import type { MqttClient } from 'mqtt';

/** Publishes QoS 1 messages with a bounded number awaiting their PUBACK, so memory stays flat. */
export interface MqttSender {
  /** Resolves once the message is handed over (and, for retained ones, acknowledged). */
  send(topic: string, payload: Uint8Array | string, retain: boolean): Promise<void>;
  /** Waits for every acknowledgement; rejects if any publish failed. */
  flush(): Promise<void>;
}

export function createMqttSender(client: MqttClient, window = 64): MqttSender {
  const inFlight = new Set<Promise<unknown>>();
  let failure: unknown;
  const publish = (topic: string, payload: Uint8Array | string, retain: boolean) => {
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    const p: Promise<void> = client.publishAsync(topic, body, { qos: 1, retain }).then(
      () => {
        inFlight.delete(p);
      },
      (err: unknown) => {
        failure ??= err;
        inFlight.delete(p);
      },
    );
    inFlight.add(p);
    return p;
  };
  const flush = async () => {
    while (inFlight.size > 0) await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  };
  return {
    async send(topic, payload, retain) {
      if (failure !== undefined) throw failure;
      if (retain) {
        // MQTT orders messages per topic only (3.1.1 §4.6), and a broker may store a retained message
        // before passing it on: let everything before it land, and it, before anything after it.
        await flush();
        await publish(topic, payload, true);
        if (failure !== undefined) throw failure;
        return;
      }
      while (inFlight.size >= window) await Promise.race(inFlight);
      void publish(topic, payload, false);
    },
    flush,
  };
}
