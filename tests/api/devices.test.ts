import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, bearer, DATA_FROM, event, openApiFixture, second } from './api-fixture.ts';

describe('devices', () => {
  let f: ApiFixture;
  let admin: Record<string, string>;
  before(async () => {
    f = await openApiFixture();
    admin = bearer(f.adminToken);
  });
  after(() => f.close());

  it('lists what the store holds, in the service zone where a device has none', async () => {
    const res = await f.app.inject({ url: '/api/v1/devices', headers: admin });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), {
      devices: [
        {
          id: 'band-a',
          name: null,
          side: null,
          tz: 'UTC',
          lastSeen: DATA_FROM,
          online: true,
          battery: 0.8,
          fw: '1.2.0',
          leadOff: false,
          live: null,
          activeEvents: [],
        },
        {
          id: 'band-b',
          name: null,
          side: null,
          tz: 'UTC',
          lastSeen: DATA_FROM,
          online: true,
          battery: 0.5,
          fw: null,
          leadOff: null,
          live: null,
          activeEvents: [],
        },
      ],
    });
  });

  it('shows the live hub’s latest second and events in progress (not the ended ones)', async () => {
    const t = DATA_FROM + 7_200_000;
    const cramp = event('band-b', 'cramp', t, null, { peakUv: 90 });
    const spasm = event('band-b', 'spasm', t - 5000, null);
    f.live.alert({ phase: 'start', event: spasm });
    f.live.alert({ phase: 'start', event: cramp });
    f.live.alert({ phase: 'end', event: { ...spasm, end: t - 4000 } });
    f.live.second(second('band-b', t, { quality: 'noisy', flexionDeg: null, plantarFlexed: false }));
    const device = (await f.app.inject({ url: '/api/v1/devices/band-b', headers: admin })).json();
    assert.deepEqual(device.activeEvents, [cramp]);
    assert.deepEqual(device.live, {
      at: t,
      quality: 'noisy',
      envUv: 3,
      baselineUv: 3,
      movementMg: 10,
      foot: 'unknown',
      flexionDeg: null,
      posture: 'supine',
    });
    f.live.alert({ phase: 'end', event: { ...cramp, end: t + 30_000 } });
    const ended = (await f.app.inject({ url: '/api/v1/devices/band-b', headers: admin })).json();
    assert.deepEqual(ended.activeEvents, []);
  });

  it('answers 404 device_not_found for a device the store does not know', async () => {
    for (const [method, url] of [
      ['GET', '/api/v1/devices/band-z'],
      ['PATCH', '/api/v1/devices/band-z'],
      ['GET', '/api/v1/devices/band-z/nights'],
      ['GET', '/api/v1/devices/band-z/nights/2025-11-26'],
      ['GET', '/api/v1/devices/band-z/events?from=0&to=1'],
    ] as const) {
      const res = await f.app.inject({
        method,
        url,
        headers: admin,
        ...(method === 'PATCH' ? { payload: {} } : {}),
      });
      assert.equal(res.statusCode, 404, `${method} ${url}`);
      assert.deepEqual(res.json(), {
        error: { code: 'device_not_found', message: 'device "band-z" is not known' },
      });
    }
  });

  it('PATCH sets name, side and zone, leaves absent fields alone, and null clears', async () => {
    const patch = (payload: object) =>
      f.app.inject({ method: 'PATCH', url: '/api/v1/devices/band-a', headers: admin, payload });
    const set = (await patch({ name: '  Left calf ', side: 'left', tz: 'europe/paris' })).json();
    assert.deepEqual([set.name, set.side, set.tz], ['Left calf', 'left', 'Europe/Paris']);
    const kept = (await patch({ side: 'right' })).json();
    assert.deepEqual([kept.name, kept.side, kept.tz], ['Left calf', 'right', 'Europe/Paris']);
    const stored = await f.store.device('band-a');
    assert.deepEqual([stored?.name, stored?.side, stored?.tz], ['Left calf', 'right', 'Europe/Paris']);
    const cleared = (await patch({ name: '', tz: null })).json();
    assert.deepEqual([cleared.name, cleared.side, cleared.tz], [null, 'right', 'UTC']);
  });
});
