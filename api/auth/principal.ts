import type { DeviceId } from '../../protocol/index.ts';

/**
 * Who a request speaks for, from its bearer token (docs/api.md, "Auth"): an admin sees every
 * device and may create tokens; a scoped token sees only the devices it names.
 */
export interface Principal {
  /** The token's name, for logs; `admin` for the service's admin token. */
  readonly name: string;
  /** The devices it may see, or null for an admin (every device, known now or later). */
  readonly devices: ReadonlySet<DeviceId> | null;
}

export function isAdmin(principal: Principal): boolean {
  return principal.devices === null;
}

export function canSee(principal: Principal, device: DeviceId): boolean {
  return principal.devices === null || principal.devices.has(device);
}
