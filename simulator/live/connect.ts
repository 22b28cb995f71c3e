import { connectAsync, type IClientOptions, type MqttClient } from 'mqtt';

/** Opens an MQTT connection: the transport seam of the live publishers. */
export type Connect = (url: string, options: IClientOptions) => Promise<MqttClient>;

/** mqtt.js, failing at once (no retrying) when the broker cannot be reached at start. */
export const connectMqtt: Connect = (url, options) => connectAsync(url, options, false);

/**
 * A short suffix that tells this run's client ids from another's. Ids stay within the 23
 * characters every MQTT 3.1.1 broker must accept (§3.1.3.1).
 */
export function shortId(nowMs: number): string {
  return ((nowMs ^ (process.pid << 8)) >>> 0).toString(36).slice(-6);
}
