import { accept, type Decoded, reject } from './rejection.ts';
import type { DeviceId } from './units.ts';

export const DEFAULT_TOPIC_PREFIX = 'crampwatch/v1';
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export type TopicKind = 'frame' | 'status' | 'event';

/** A parsed topic of the band protocol ("MQTT topics"). */
export interface BandTopic {
  readonly device: DeviceId;
  readonly kind: TopicKind;
}

export function isDeviceId(x: string): boolean {
  return DEVICE_ID_PATTERN.test(x);
}

/** `<prefix>/<device>/<kind>` for the given parts. */
export function bandTopic(prefix: string, device: DeviceId, kind: TopicKind): string {
  return `${prefix}/${device}/${kind}`;
}

/** Splits `<prefix>/<device>/<kind>` and checks the device id, or says which rule it breaks. */
export function parseBandTopic(prefix: string, topic: string): Decoded<BandTopic> {
  if (!topic.startsWith(`${prefix}/`))
    return reject('topic-invalid', `"${clip(topic)}" is not under "${prefix}/"`);
  const rest = topic.slice(prefix.length + 1).split('/');
  const [device, kind] = rest;
  if (
    rest.length !== 2 ||
    device === undefined ||
    (kind !== 'frame' && kind !== 'status' && kind !== 'event')
  ) {
    return reject('topic-invalid', `"${clip(topic)}" is not ${prefix}/<device>/frame|status|event`);
  }
  if (!isDeviceId(device))
    return reject('device-id-invalid', `device id "${clip(device)}" breaks [A-Za-z0-9_-]{1,64}`);
  return accept({ device, kind });
}

function clip(s: string): string {
  return s.length > 100 ? `${s.slice(0, 100)}…` : s;
}
