import type { FastifyInstance } from 'fastify';
import { isValidTimeZone } from '../../storage/index.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../auth/auth-hook.ts';
import { canSee } from '../auth/principal.ts';
import { deviceView } from '../device-view.ts';
import { badRequest } from '../errors.ts';
import { BEARER, deviceParamsSchema, errorResponses } from '../schemas/index.ts';
import { visibleDevice } from './device-access.ts';

interface DevicePatch {
  name?: string | null;
  side?: 'left' | 'right' | null;
  tz?: string | null;
}

const patchBodySchema = {
  type: 'object',
  properties: {
    name: {
      type: ['string', 'null'],
      maxLength: 64,
      description: 'trimmed; empty or null clears it',
    },
    side: { type: ['string', 'null'], enum: ['left', 'right', null] },
    tz: {
      type: ['string', 'null'],
      maxLength: 64,
      description: 'IANA time zone name (Europe/Paris); null: the service default',
    },
  },
  additionalProperties: false,
} as const;

/** `GET /api/v1/devices`, `GET` and `PATCH /api/v1/devices/:id`. */
export function registerDeviceRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const view = (record: Parameters<typeof deviceView>[0]) => deviceView(record, deps.timeZone, deps.live);

  app.get(
    '/api/v1/devices',
    {
      schema: {
        tags: ['devices'],
        summary: 'The devices this token may see',
        security: BEARER,
        response: {
          200: {
            type: 'object',
            required: ['devices'],
            properties: { devices: { type: 'array', items: { $ref: 'DeviceView#' } } },
          },
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const records = await deps.store.devices();
      return { devices: records.filter((d) => canSee(principal, d.id)).map(view) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: 'One device',
        security: BEARER,
        params: deviceParamsSchema,
        response: { 200: { $ref: 'DeviceView#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => view(await visibleDevice(deps.store, request, request.params.id)),
  );

  app.patch<{ Params: { id: string }; Body: DevicePatch }>(
    '/api/v1/devices/:id',
    {
      schema: {
        tags: ['devices'],
        summary: "Sets the wearer's name, side or time zone of a device",
        description: 'An absent field is left as it is; null clears it. The zone decides how nights are cut.',
        security: BEARER,
        params: deviceParamsSchema,
        body: patchBodySchema,
        response: { 200: { $ref: 'DeviceView#' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      await visibleDevice(deps.store, request, id);
      const { name, side, tz } = request.body;
      if (typeof tz === 'string' && !isValidTimeZone(tz)) {
        throw badRequest(`body.tz must be an IANA time zone name such as Europe/Paris, got "${tz}"`);
      }
      const trimmed = typeof name === 'string' ? name.trim() : name;
      return view(
        await deps.store.updateDevice(id, {
          ...(trimmed === undefined ? {} : { name: trimmed === '' ? null : trimmed }),
          ...(side === undefined ? {} : { side }),
          ...(tz === undefined ? {} : { tz: tz === null ? null : canonicalZone(tz) }),
        }),
      );
    },
  );
}

/** The zone's canonical spelling (`europe/paris` → `Europe/Paris`), so that it is stored one way. */
function canonicalZone(tz: string): string {
  return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
}
