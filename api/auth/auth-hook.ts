import type { FastifyInstance, FastifyRequest } from 'fastify';
import { forbidden, unauthorized } from '../errors.ts';
import { isAdmin, type Principal } from './principal.ts';
import type { TokenStore } from './token-store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the request speaks for; set by the auth hook on every route behind it. */
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Only an admin token may call the route (403 `forbidden` for a scoped one). */
    adminOnly?: boolean;
    /**
     * The route also takes the token as `?token=`: the WebSocket, because browsers cannot set
     * headers on one. Elsewhere a token in the URL would end up in logs and histories.
     */
    tokenInQuery?: boolean;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The presented token: the Authorization header's, else (where allowed) the query's. */
function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return BEARER.exec(header)?.[1];
  if (request.routeOptions.config.tokenInQuery) {
    const token = (request.query as Record<string, unknown> | undefined)?.['token'];
    if (typeof token === 'string' && token !== '') return token;
  }
  return undefined;
}

/**
 * Puts every route registered in `scope` (and its children) behind a bearer token: 401
 * `unauthorized` when it is missing or unknown, 403 `forbidden` when an admin-only route gets a
 * scoped one. An `onRequest` hook runs before the body is read and before a WebSocket upgrade is
 * accepted, so a bad token never opens a socket nor costs a parse. Routes outside `scope` (`/`,
 * `/docs`, `/health`) stay open: the encapsulation is the allowlist.
 */
export function requireToken(scope: FastifyInstance, tokens: TokenStore): void {
  scope.addHook('onRequest', async (request) => {
    const token = tokenOf(request);
    if (token === undefined) {
      throw unauthorized('a bearer token is required: send "Authorization: Bearer <token>"');
    }
    const principal = tokens.verify(token);
    if (principal === undefined) throw unauthorized('the bearer token is not known');
    if (request.routeOptions.config.adminOnly && !isAdmin(principal)) {
      throw forbidden('this route needs an admin token');
    }
    request.principal = principal;
  });
}

/** The principal of a request behind {@link requireToken} (a programming error elsewhere). */
export function principalOf(request: FastifyRequest): Principal {
  const { principal } = request;
  if (principal === null) throw new Error(`route ${request.routeOptions.url} is not behind the auth hook`);
  return principal;
}
