import { DEVICE_ID_PATTERN, type DeviceId } from '../../protocol/index.ts';

/** A client's message on the live WebSocket, validated. */
export type ClientMessage =
  | { readonly kind: 'subscribe'; readonly devices: DeviceId[] | undefined }
  | { readonly kind: 'error'; readonly message: string };

/** More devices than any one person has bands: a cap on what one message can make the server hold. */
const MAX_DEVICES = 1000;

/**
 * Reads `{ "type": "subscribe", "devices": [...] }` (devices absent: every device the token may
 * see). The WebSocket is outside fastify's request validation, so this is its edge: every
 * refusal names the field, like the HTTP errors do.
 */
export function parseClientMessage(text: string | null): ClientMessage {
  if (text === null) return { kind: 'error', message: 'messages must be JSON text, not binary' };
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return { kind: 'error', message: 'message is not valid JSON' };
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { kind: 'error', message: 'message must be a JSON object' };
  }
  const { type, devices } = message as Record<string, unknown>;
  if (type !== 'subscribe')
    return { kind: 'error', message: `type must be "subscribe", got ${JSON.stringify(type)}` };
  if (devices === undefined) return { kind: 'subscribe', devices: undefined };
  if (!Array.isArray(devices) || devices.length > MAX_DEVICES) {
    return { kind: 'error', message: `devices must be an array of at most ${MAX_DEVICES} device ids` };
  }
  const bad = devices.find((d) => typeof d !== 'string' || !DEVICE_ID_PATTERN.test(d));
  if (bad !== undefined)
    return { kind: 'error', message: `devices holds ${JSON.stringify(bad)}, not a device id` };
  return { kind: 'subscribe', devices: devices as DeviceId[] };
}
