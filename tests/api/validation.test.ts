import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { type ApiFixture, bearer, openApiFixture } from './api-fixture.ts';

/** Requests that break one rule each, and a pattern the message must match (naming the field). */
const BAD_REQUESTS: ReadonlyArray<{ request: InjectOptions; message: RegExp }> = [
  {
    request: { method: 'PATCH', url: '/api/v1/devices/band-a', payload: { name: 'n'.repeat(65) } },
    message: /^body\.name must NOT have more than 64 characters$/,
  },
  {
    request: { method: 'PATCH', url: '/api/v1/devices/band-a', payload: { side: 'middle' } },
    message: /^body\.side must be one of "left", "right", null$/,
  },
  {
    request: { method: 'PATCH', url: '/api/v1/devices/band-a', payload: { tz: 'Mars/Olympus' } },
    message: /^body\.tz must be an IANA time zone name.*"Mars\/Olympus"$/,
  },
  {
    request: { method: 'PATCH', url: '/api/v1/devices/band-a', payload: { colour: 'red' } },
    message: /^body\.colour is not allowed$/,
  },
  {
    request: {
      method: 'PATCH',
      url: '/api/v1/devices/band-a',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    },
    message: /JSON/,
  },
  { request: { method: 'GET', url: '/api/v1/devices/band%20a' }, message: /^path\.id must match pattern/ },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights?from=2025-13-01' },
    message: /^query\.from is not a calendar date: "2025-13-01"$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights?to=yesterday' },
    message: /^query\.to must match pattern/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights?from=2025-11-27&to=2025-11-26' },
    message: /^query\.to \(2025-11-26\) is before query\.from/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights?from=2000-01-01&to=2025-01-01' },
    message: /spans more than 3660 nights/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights?tz=UTC' },
    message: /^query\.tz is not allowed$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights/2025-02-30' },
    message: /^path\.date is not a calendar date/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights/2025-11-26?points=9' },
    message: /^query\.points must be >= 10$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/nights/2025-11-26?points=5001' },
    message: /^query\.points must be <= 5000$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/events?to=5' },
    message: /^query\.from is required$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/events?from=soon&to=5' },
    message: /^query\.from must be integer$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/events?from=0&to=1e20' },
    message: /^query\.to must be <= 7258118400000$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/events?from=5&to=5' },
    message: /^query\.to \(5\) must be after query\.from \(5\)$/,
  },
  {
    request: { method: 'GET', url: '/api/v1/devices/band-a/events?from=0&to=5&kind=Cramp' },
    message: /^query\.kind must match pattern/,
  },
  { request: { method: 'GET', url: '/api/v1/quarantine?limit=0' }, message: /^query\.limit must be >= 1$/ },
  { request: { method: 'POST', url: '/api/v1/tokens', payload: {} }, message: /^body\.name is required$/ },
  {
    request: { method: 'POST', url: '/api/v1/tokens', payload: { name: 'x', devices: ['ok', 'not ok'] } },
    message: /^body\.devices\.1 must match pattern/,
  },
];

describe('validation', () => {
  let f: ApiFixture;
  before(async () => {
    f = await openApiFixture();
  });
  after(() => f.close());

  for (const { request, message } of BAD_REQUESTS) {
    it(`${request.method} ${request.url} ${JSON.stringify(request.payload ?? '')}: 400 naming the field`, async () => {
      const res = await f.app.inject({
        ...request,
        headers: { ...bearer(f.adminToken), ...(request.headers as Record<string, string> | undefined) },
      });
      assert.equal(res.statusCode, 400, res.body);
      const body = res.json();
      assert.equal(body.error.code, 'bad_request');
      assert.match(body.error.message, message);
      assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
    });
  }

  it('answers an unknown route with 404 not_found in the same shape', async () => {
    const res = await f.app.inject({ url: '/api/v2/devices', headers: bearer(f.adminToken) });
    assert.equal(res.statusCode, 404);
    assert.deepEqual(res.json(), { error: { code: 'not_found', message: 'no route GET /api/v2/devices' } });
  });

  it('answers a body of another type with 415 unsupported_media_type', async () => {
    const res = await f.app.inject({
      method: 'PATCH',
      url: '/api/v1/devices/band-a',
      headers: { ...bearer(f.adminToken), 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'unsupported_media_type');
  });

  it('answers a store failure with 500 internal, without its detail, and logs it', async () => {
    const logged: object[] = [];
    const broken = await openApiFixture({ records: false, log: { error: (obj) => logged.push(obj) } });
    try {
      await broken.store.close(); // every read now fails
      const res = await broken.app.inject({ url: '/api/v1/devices', headers: bearer(broken.adminToken) });
      assert.equal(res.statusCode, 500);
      assert.deepEqual(res.json(), {
        error: { code: 'internal', message: 'internal error: the service logged it' },
      });
    } finally {
      await broken.close().catch(() => undefined);
    }
    assert.equal(logged.length, 1);
    assert.match(String((logged[0] as { err: Error }).err), /SQLite store .* is closed/);
  });
});
