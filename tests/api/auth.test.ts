import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { type ApiFixture, bearer, openApiFixture } from './api-fixture.ts';

interface RouteCase {
  readonly method: 'GET' | 'PATCH' | 'POST';
  /** The route as the OpenAPI document writes it. */
  readonly route: string;
  /** A request the admin token may make; for the scoped token (band-a only) it asks for band-b where it can. */
  readonly url: string;
  readonly payload?: Record<string, unknown>;
  /** What the scoped token gets: 403, or 200 where the route filters instead of refusing. */
  readonly scoped: 200 | 403;
}

/** Every route behind a token. A test below checks that the table misses none. */
const ROUTES: readonly RouteCase[] = [
  { method: 'GET', route: '/api/v1/devices', url: '/api/v1/devices', scoped: 200 },
  { method: 'GET', route: '/api/v1/devices/{id}', url: '/api/v1/devices/band-b', scoped: 403 },
  {
    method: 'PATCH',
    route: '/api/v1/devices/{id}',
    url: '/api/v1/devices/band-b',
    payload: { name: 'Right calf' },
    scoped: 403,
  },
  { method: 'GET', route: '/api/v1/devices/{id}/nights', url: '/api/v1/devices/band-b/nights', scoped: 403 },
  {
    method: 'GET',
    route: '/api/v1/devices/{id}/nights/{date}',
    url: '/api/v1/devices/band-b/nights/2025-11-26',
    scoped: 403,
  },
  {
    method: 'GET',
    route: '/api/v1/devices/{id}/events',
    url: '/api/v1/devices/band-b/events?from=0&to=1',
    scoped: 403,
  },
  { method: 'GET', route: '/api/v1/health', url: '/api/v1/health', scoped: 200 },
  { method: 'POST', route: '/api/v1/tokens', url: '/api/v1/tokens', payload: { name: 'x' }, scoped: 403 },
  { method: 'GET', route: '/api/v1/quarantine', url: '/api/v1/quarantine', scoped: 403 },
  { method: 'GET', route: '/metrics', url: '/metrics', scoped: 403 },
  { method: 'GET', route: '/api/v1/live', url: '/api/v1/live?devices=band-b', scoped: 403 },
];

/** Routes that need no token (docs/api.md, "Auth"). */
const OPEN_ROUTES = ['GET /health'];

describe('auth on every route', () => {
  let f: ApiFixture;
  let tokenNames = 0;
  before(async () => {
    f = await openApiFixture();
  });
  after(() => f.close());

  const send = (c: RouteCase, headers: Record<string, string>) => {
    // Token names must be unique: each POST that gets through creates one.
    const payload = c.route === '/api/v1/tokens' ? { name: `t${++tokenNames}` } : c.payload;
    const options: InjectOptions = { method: c.method, url: c.url, headers };
    return f.app.inject(payload === undefined ? options : { ...options, payload });
  };

  it('the table holds every route of the OpenAPI document (and the WebSocket, which it does not list)', async () => {
    const doc = (await f.app.inject({ url: '/docs/json' })).json() as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const tabled = ROUTES.map((c) => `${c.method} ${c.route}`);
    assert.deepEqual(
      [...documented.filter((r) => !OPEN_ROUTES.includes(r)), 'GET /api/v1/live'].sort(),
      [...tabled].sort(),
    );
  });

  for (const c of ROUTES) {
    const name = `${c.method} ${c.route}`;
    it(`${name}: 401 without a token, with an unknown one, or with another scheme`, async () => {
      for (const headers of [
        {},
        bearer('cw_unknown-token-000000'),
        { authorization: `Basic ${f.adminToken}` },
      ]) {
        const res = await send(c, headers);
        assert.equal(res.statusCode, 401, `${name} with ${JSON.stringify(headers)}: ${res.body}`);
        assert.equal(res.json().error.code, 'unauthorized');
        assert.match(res.headers['www-authenticate'] as string, /^Bearer/);
      }
    });

    it(`${name}: ${c.scoped === 403 ? '403 out of scope' : 'open to a scoped token'}, and open to the admin`, async () => {
      const scoped = await send(c, bearer(f.scopedToken));
      assert.equal(scoped.statusCode, c.scoped, `${name}: ${scoped.body}`);
      if (c.scoped === 403) assert.equal(scoped.json().error.code, 'forbidden');
      const admin = await send(c, bearer(f.adminToken));
      assert.ok(
        ![401, 403].includes(admin.statusCode),
        `${name} as admin: ${admin.statusCode} ${admin.body}`,
      );
    });
  }

  it('takes no token from the query string except on the WebSocket', async () => {
    const res = await f.app.inject({ url: `/api/v1/devices?token=${f.adminToken}` });
    assert.equal(res.statusCode, 401);
  });

  it('filters the devices list to the scoped token’s devices', async () => {
    const res = await f.app.inject({ url: '/api/v1/devices', headers: bearer(f.scopedToken) });
    assert.deepEqual(
      res.json().devices.map((d: { id: string }) => d.id),
      ['band-a'],
    );
  });

  it('lets a scoped token read and change its own device', async () => {
    const headers = bearer(f.scopedToken);
    assert.equal((await f.app.inject({ url: '/api/v1/devices/band-a', headers })).statusCode, 200);
    const patched = await f.app.inject({
      method: 'PATCH',
      url: '/api/v1/devices/band-a',
      headers,
      payload: {},
    });
    assert.equal(patched.statusCode, 200);
  });

  it('answers 403 before 404 for a scoped token, so it cannot learn which other devices exist', async () => {
    const res = await f.app.inject({ url: '/api/v1/devices/never-seen', headers: bearer(f.scopedToken) });
    assert.equal(res.statusCode, 403);
    const admin = await f.app.inject({ url: '/api/v1/devices/never-seen', headers: bearer(f.adminToken) });
    assert.equal(admin.statusCode, 404);
    assert.equal(admin.json().error.code, 'device_not_found');
  });

  it('needs no token for /health, /docs and /', async () => {
    for (const url of ['/health', '/docs', '/docs/json', '/']) {
      assert.equal((await f.app.inject({ url })).statusCode, 200, url);
    }
  });
});
