import type { FastifyRequest } from 'fastify';
import type { DeviceId } from '../../protocol/index.ts';
import type { DeviceRecord, Store } from '../../storage/index.ts';
import { principalOf } from '../auth/auth-hook.ts';
import { canSee } from '../auth/principal.ts';
import { deviceNotFound, forbidden } from '../errors.ts';

/**
 * The device a request names, if its token may see it (else 403 `forbidden`) and the store knows
 * it (else 404 `device_not_found`). Scope is checked first, so a scoped token cannot learn which
 * other devices exist.
 */
export async function visibleDevice(
  store: Store,
  request: FastifyRequest,
  id: DeviceId,
): Promise<DeviceRecord> {
  if (!canSee(principalOf(request), id)) throw forbidden(`this token may not see device "${id}"`);
  const record = await store.device(id);
  if (record === undefined) throw deviceNotFound(id);
  return record;
}
