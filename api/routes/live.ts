import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import type { DeviceId } from '../../protocol/index.ts';
import type { ApiDeps } from '../api-deps.ts';
import { principalOf } from '../auth/auth-hook.ts';
import { canSee, type Principal } from '../auth/principal.ts';
import { forbidden } from '../errors.ts';
import { LiveClient } from '../live/live-client.ts';
import { encodeLiveMessage } from '../live/live-messages.ts';
import { BEARER, errorResponses } from '../schemas/index.ts';
import { parseClientMessage } from './live-client-message.ts';

interface LiveQuery {
  token?: string;
  devices?: string;
  since?: number;
}

/** What the upgrade's checks found, for the handler that runs once the socket is open. */
interface LiveStart {
  readonly principal: Principal;
  /** The subscription asked for (null: everything the token may see). */
  readonly subscription: DeviceId[] | null;
  /** The `hello` message's devices: those the subscription covers that the service knows. */
  readonly helloDevices: DeviceId[];
}

const starts = new WeakMap<FastifyRequest, LiveStart>();

/**
 * `GET /api/v1/live`, the WebSocket (docs/api.md, "Live"). The token (header or `?token=`) and
 * the scope of `devices` are checked by hooks that run before the upgrade is accepted: a client
 * refused with 401 or 403 never gets a socket. Once open, the client is sent `hello`, then the
 * held alerts after `since`, then live messages, in that order and without gaps or repeats.
 */
export function registerLiveRoute(app: FastifyInstance, deps: ApiDeps): void {
  app.get<{ Querystring: LiveQuery }>(
    '/api/v1/live',
    {
      websocket: true,
      config: { tokenInQuery: true },
      schema: {
        tags: ['live'],
        summary: 'WebSocket of live alerts, band status and 1 Hz summaries (see docs/api.md, "Live")',
        security: BEARER,
        querystring: {
          type: 'object',
          properties: {
            token: {
              type: 'string',
              description: 'the bearer token, for browsers (they cannot set headers)',
            },
            devices: {
              type: 'string',
              pattern: '^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64})*$',
              description: 'devices to subscribe to, comma separated; default every device the token may see',
            },
            since: {
              type: 'integer',
              minimum: 0,
              description: 'the last alert seq seen: missed alerts come first',
            },
          },
          additionalProperties: false,
        },
        response: errorResponses(400, 401, 403),
      },
      preHandler: async (request: FastifyRequest<{ Querystring: LiveQuery }>) => {
        const principal = principalOf(request);
        const subscription =
          request.query.devices === undefined ? null : [...new Set(request.query.devices.split(','))];
        const refused = subscription?.find((d) => !canSee(principal, d));
        if (refused !== undefined) throw forbidden(`this token may not see device "${refused}"`);
        starts.set(request, {
          principal,
          subscription,
          helloDevices: await helloDevices(deps, principal, subscription),
        });
      },
    },
    (socket, request) => {
      const start = starts.get(request)!;
      starts.delete(request);
      const client = new LiveClient(socket, start.principal, start.subscription);
      client.send(
        encodeLiveMessage({ type: 'hello', seq: deps.live.latestSeq, devices: start.helloDevices }),
      );
      const detach = deps.live.attach(client, request.query.since);
      socket.on('message', (data, isBinary) =>
        onClientMessage(socket, client, isBinary ? null : data.toString()),
      );
      socket.on('close', detach);
      socket.on('error', detach);
    },
  );
}

async function helloDevices(
  deps: ApiDeps,
  principal: Principal,
  subscription: DeviceId[] | null,
): Promise<DeviceId[]> {
  if (subscription !== null) return subscription.sort();
  const known = new Set([...(await deps.store.devices()).map((d) => d.id), ...deps.live.devices()]);
  return [...known].filter((d) => canSee(principal, d)).sort();
}

/** `subscribe` replaces the subscription; anything else is answered with an `error` message. */
function onClientMessage(socket: WebSocket, client: LiveClient, text: string | null): void {
  const parsed = parseClientMessage(text);
  if (parsed.kind === 'error') {
    socket.send(
      encodeLiveMessage({ type: 'error', error: { code: 'bad_request', message: parsed.message } }),
    );
    return;
  }
  client.send(encodeLiveMessage({ type: 'subscribed', devices: client.subscribe(parsed.devices) }));
}
