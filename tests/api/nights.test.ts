import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, bearer, CRAMP, DATA_FROM, DATA_TO, openApiFixture, SPASM } from './api-fixture.ts';

describe('nights and events', () => {
  let f: ApiFixture;
  let admin: Record<string, string>;
  before(async () => {
    f = await openApiFixture();
    admin = bearer(f.adminToken);
  });
  after(() => f.close());

  const get = (url: string) => f.app.inject({ url, headers: admin });

  it('lists the nights with data, each with its cramps and coverage', async () => {
    const res = await get('/api/v1/devices/band-a/nights');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.device, 'band-a');
    assert.equal(body.tz, 'UTC');
    assert.equal(body.nights.length, 1);
    const night = body.nights[0];
    assert.equal(night.date, '2025-11-26');
    assert.deepEqual([night.fromMs, night.toMs], [Date.UTC(2025, 10, 26, 12), Date.UTC(2025, 10, 27, 12)]);
    assert.deepEqual(night.cramps, {
      count: 1,
      totalMs: 60_000,
      longestMs: 60_000,
      firstOnsetMs: CRAMP.start,
    });
    assert.equal(night.spasms, 1);
    assert.equal(night.dataMinutes, 60);
    assert.equal(night.coverage, 1 / 24);
  });

  it('limits the nights to from..to', async () => {
    const none = (await get('/api/v1/devices/band-a/nights?from=2025-11-27&to=2025-11-30')).json();
    assert.deepEqual(none.nights, []);
    const one = (await get('/api/v1/devices/band-a/nights?from=2025-11-20&to=2025-11-26')).json();
    assert.deepEqual(
      one.nights.map((n: { date: string }) => n.date),
      ['2025-11-26'],
    );
  });

  it('gives one night: summary, timeline buckets (at most `points`) and events', async () => {
    const res = await get('/api/v1/devices/band-a/nights/2025-11-26?points=24');
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.deepEqual(
      [body.device, body.tz, body.date, body.fromMs, body.toMs],
      ['band-a', 'UTC', '2025-11-26', Date.UTC(2025, 10, 26, 12), Date.UTC(2025, 10, 27, 12)],
    );
    assert.equal(body.summary.cramps.count, 1);
    assert.deepEqual(body.events, [SPASM, CRAMP]);
    assert.ok(body.buckets.length >= 1 && body.buckets.length <= 24);
    const seconds = body.buckets.reduce((sum: number, b: { seconds: number }) => sum + b.seconds, 0);
    assert.equal(seconds, (DATA_TO - DATA_FROM) / 1000);
    assert.equal(Math.max(...body.buckets.map((b: { envUv: { max: number } }) => b.envUv.max)), 151);
    assert.deepEqual(body.buckets[0].flexionDeg, { min: 5, max: 5, mean: 5 });
  });

  it('gives an empty night with a null summary, and 404 night_not_found for one not begun', async () => {
    const empty = (await get('/api/v1/devices/band-a/nights/2025-11-20')).json();
    assert.deepEqual([empty.summary, empty.buckets, empty.events], [null, [], []]);
    const future = await get('/api/v1/devices/band-a/nights/2025-12-01');
    assert.equal(future.statusCode, 404);
    assert.equal(future.json().error.code, 'night_not_found');
  });

  it('gives the events of a range, by kind', async () => {
    const all = (await get(`/api/v1/devices/band-a/events?from=${DATA_FROM}&to=${DATA_TO}`)).json();
    assert.deepEqual(all.events, [SPASM, CRAMP]);
    const cramps = (
      await get(`/api/v1/devices/band-a/events?from=${DATA_FROM}&to=${DATA_TO}&kind=cramp`)
    ).json();
    assert.deepEqual(cramps.events, [CRAMP]);
    const both = (await get(`/api/v1/devices/band-a/events?from=0&to=${DATA_TO}&kind=cramp,spasm`)).json();
    assert.equal(both.events.length, 2);
    const before = (await get(`/api/v1/devices/band-a/events?from=0&to=${SPASM.start}`)).json();
    assert.deepEqual(before.events, []);
  });

  it('cuts the nights in the zone set with PATCH: evening in Tokyo is the next night', async () => {
    const patch = (tz: string | null) =>
      f.app.inject({ method: 'PATCH', url: '/api/v1/devices/band-a', headers: admin, payload: { tz } });
    assert.equal((await patch('Asia/Tokyo')).statusCode, 200);
    try {
      const body = (await get('/api/v1/devices/band-a/nights')).json();
      assert.equal(body.tz, 'Asia/Tokyo');
      // 10:30–11:30 UTC is 19:30–20:30 in Tokyo on the 27th: after noon there, so night 2025-11-27.
      assert.deepEqual(
        body.nights.map((n: { date: string }) => n.date),
        ['2025-11-27'],
      );
      assert.equal(body.nights[0].fromMs, Date.UTC(2025, 10, 27, 3));
      const night = (await get('/api/v1/devices/band-a/nights/2025-11-27')).json();
      assert.equal(night.summary.cramps.count, 1);
      assert.deepEqual(night.events, [SPASM, CRAMP]);
    } finally {
      await patch(null);
    }
    const back = (await get('/api/v1/devices/band-a/nights')).json();
    assert.deepEqual(
      back.nights.map((n: { date: string }) => n.date),
      ['2025-11-26'],
    );
  });
});
