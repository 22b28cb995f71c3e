import type { BandStatus } from './status.ts';

/** Encodes a status message as JSON text (band protocol, "Status, JSON"). */
export function encodeStatus(status: BandStatus): string {
  return JSON.stringify(status);
}

/** The band's last will, published by the broker when the band drops off. */
export const OFFLINE_STATUS: BandStatus = Object.freeze({ v: 1, online: false });
