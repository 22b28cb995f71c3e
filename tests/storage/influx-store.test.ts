import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { createInfluxStore, InfluxError } from '../../storage/influx/index.ts';
import { QUARTER_MS, type StoreRecord } from '../../storage/store.ts';
import { type InfluxHarness, startInfluxdb } from '../harness/influxdb.ts';
import { requiredBinary } from '../harness/required-binary.ts';
import { secondRecord, UNOBSERVED } from '../helpers/store-records.ts';
import { storeContract } from './store-contract.ts';

const influxd = requiredBinary('influxd', 'influxdb');
const skip = 'skip' in influxd ? influxd.skip : false;
const binary = 'path' in influxd ? influxd.path : 'influxd';

/** Every harness started here, disposed at the end. */
const harnesses: InfluxHarness[] = [];
async function startHarness(options: { auth?: boolean } = {}): Promise<InfluxHarness> {
  const h = await startInfluxdb({ binary, ...options });
  harnesses.push(h);
  return h;
}
after(async () => {
  await Promise.all(harnesses.map((h) => h.dispose()));
});

/** The contract's influxd, started on first use and shared (each store gets its own database). */
let shared: Promise<InfluxHarness> | undefined;
const sharedHarness = () => {
  shared ??= startHarness();
  return shared;
};

const newDb = () => `test_${randomBytes(6).toString('hex')}`;

/** An InfluxQL statement sent straight to InfluxDB, bypassing the store. */
async function influxql(url: string, q: string, db = ''): Promise<unknown> {
  const res = await fetch(`${url}/query?db=${db}&epoch=ms`, {
    method: 'POST',
    body: new URLSearchParams({ q }),
  });
  assert.equal(res.status, 200, await res.clone().text());
  return res.json();
}

const T0 = Date.UTC(2025, 10, 26, 22, 0, 0);

function second(device: string, t: number): StoreRecord {
  return secondRecord(device, t, UNOBSERVED);
}

function seconds(device: string, fromMs: number, count: number): StoreRecord[] {
  return Array.from({ length: count }, (_, i) => second(device, fromMs + i * 1000));
}

describe('InfluxDB store', { skip }, () => {
  storeContract('influxdb', async () => {
    const h = await sharedHarness();
    const db = newDb();
    return {
      store: await createInfluxStore({ url: h.url, db }),
      reopen: () => createInfluxStore({ url: h.url, db }),
      dispose: async () => {
        await influxql(h.url, `DROP DATABASE "${db}"`);
      },
    };
  });

  // Again with a coverage recount after every write, so that the recount path meets every case
  // the contract has (above, most quarters are counted on the fly, as pending).
  storeContract('influxdb, recounting after every write', async () => {
    const h = await sharedHarness();
    const db = newDb();
    const open = () => createInfluxStore({ url: h.url, db, coverageFlushMs: 0 });
    return {
      store: await open(),
      reopen: open,
      dispose: async () => {
        await influxql(h.url, `DROP DATABASE "${db}"`);
      },
    };
  });

  it('creates its database when it is missing, and accepts one that exists', async () => {
    const h = await sharedHarness();
    const db = newDb();
    const store = await createInfluxStore({ url: h.url, db });
    const again = await createInfluxStore({ url: h.url, db });
    const shown = JSON.stringify(await influxql(h.url, 'SHOW DATABASES'));
    assert.ok(shown.includes(`"${db}"`), shown);
    await again.write(seconds('band-db', T0, 3));
    assert.deepEqual(await store.coverage('band-db', T0, T0 + QUARTER_MS), [{ t: T0, seconds: 3 }]);
    await Promise.all([store.close(), again.close()]);
  });

  it('keeps coverage exact when a store ends without its last recount (a crash)', async () => {
    const h = await sharedHarness();
    const db = newDb();
    const device = 'band-crash';
    // A recount interval longer than the test: the quarters stay pending, and the store is
    // abandoned without close() (it holds no timers, so nothing dangles).
    const crashed = await createInfluxStore({ url: h.url, db, coverageFlushMs: 3_600_000 });
    await crashed.write(seconds(device, T0, 5));
    await crashed.write(seconds(device, T0 + 2 * QUARTER_MS, 900));
    const next = await createInfluxStore({ url: h.url, db });
    const expected = [
      { t: T0, seconds: 5 },
      { t: T0 + 2 * QUARTER_MS, seconds: 900 },
    ];
    assert.deepEqual(await next.coverage(device, T0, T0 + 4 * QUARTER_MS), expected);
    await next.write(seconds(device, T0, 5)); // replayed: nothing new
    await next.close(); // recounts what was pending
    const stale = await influxql(h.url, 'SELECT * FROM coverage WHERE stale = true', db);
    assert.deepEqual(stale, { results: [{ statement_id: 0 }] }, 'no quarter left stale after close');
    const reopened = await createInfluxStore({ url: h.url, db });
    assert.deepEqual(await reopened.coverage(device, T0, T0 + 4 * QUARTER_MS), expected);
    await reopened.close();
  });

  it('recounts the quarters of many bands at once', async () => {
    const h = await sharedHarness();
    const db = newDb();
    const store = await createInfluxStore({ url: h.url, db, coverageFlushMs: 0 });
    const bands = Array.from({ length: 20 }, (_, i) => `band.${i}`); // a regex-special character
    await store.write(bands.flatMap((band, i) => seconds(band, T0 + QUARTER_MS - 5000, i + 6)));
    const stale = await influxql(h.url, 'SELECT * FROM coverage WHERE stale = true', db);
    assert.deepEqual(stale, { results: [{ statement_id: 0 }] }, 'every quarter recounted');
    for (const [i, band] of bands.entries()) {
      assert.deepEqual(await store.coverage(band, T0, T0 + 2 * QUARTER_MS), [
        { t: T0, seconds: 5 },
        { t: T0 + QUARTER_MS, seconds: i + 1 },
      ]);
    }
    await store.close();
  });

  describe('when InfluxDB goes away', () => {
    it('rejects naming the URL while it is stopped, works after restart, and keeps the data', async () => {
      const h = await startHarness();
      const store = await createInfluxStore({ url: h.url, db: 'crampwatch' });
      await store.write(seconds('band-r', T0, 60));
      await h.stop();
      await assert.rejects(store.write(seconds('band-r', T0 + 60_000, 60)), (err: unknown) => {
        assert.ok(err instanceof InfluxError);
        assert.equal(err.code, 'unreachable');
        assert.match(err.message, new RegExp(`InfluxDB at ${h.url} is unreachable .*ECONNREFUSED`));
        return true;
      });
      await h.restart();
      await store.write(seconds('band-r', T0 + 60_000, 60));
      assert.deepEqual(await store.coverage('band-r', T0, T0 + QUARTER_MS), [{ t: T0, seconds: 120 }]);
      await h.kill(); // a crash: what was acknowledged is in the WAL
      await h.restart();
      assert.deepEqual(await store.coverage('band-r', T0, T0 + QUARTER_MS), [{ t: T0, seconds: 120 }]);
      assert.equal((await store.timeline('band-r', T0, T0 + QUARTER_MS, 1))[0]?.seconds, 120);
      await store.close();
    });

    it('opens, and its writes reject with a timeout, when nothing answers', async () => {
      const sockets = new Set<Socket>();
      const silent = createServer((socket) => sockets.add(socket)); // accepts, never answers
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const { port } = silent.address() as { port: number };
      try {
        // Down at start is an outage like any other: the store opens, its writes time out.
        const store = await createInfluxStore({ url: `http://127.0.0.1:${port}`, timeoutMs: 200 });
        await assert.rejects(
          store.write(seconds('band-t', T0, 1)),
          (err: unknown) =>
            err instanceof InfluxError &&
            err.code === 'timeout' &&
            /no answer within 200 ms/.test(err.message),
        );
        await store.close();
      } finally {
        for (const s of sockets) s.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });

  it("rejects a write InfluxDB refuses, in InfluxDB's words (a field type conflict)", async () => {
    const h = await sharedHarness();
    const db = newDb();
    const store = await createInfluxStore({ url: h.url, db });
    // Someone else wrote env_uv as a string into the same shard: every float write now conflicts.
    const res = await fetch(`${h.url}/write?db=${db}&precision=ms`, {
      method: 'POST',
      body: `signal,device=band-x env_uv="loud" ${T0}`,
    });
    assert.equal(res.status, 204);
    await assert.rejects(store.write(seconds('band-y', T0, 1)), (err: unknown) => {
      assert.ok(err instanceof InfluxError);
      assert.equal(err.status, 400);
      assert.match(err.message, /write to "test_\w+" failed: HTTP 400: partial write: field type conflict/);
      return true;
    });
    await store.close();
  });

  describe('with authentication on', () => {
    let h: InfluxHarness;
    const auth = async () => {
      if (h) return h;
      h = await startHarness({ auth: true });
      // With no user yet, InfluxDB accepts exactly this one statement without credentials.
      await influxql(h.url, "CREATE USER admin WITH PASSWORD 'cramp s3cret' WITH ALL PRIVILEGES");
      return h;
    };

    it('works with the username and password', async () => {
      const { url } = await auth();
      const store = await createInfluxStore({ url, username: 'admin', password: 'cramp s3cret' });
      await store.write(seconds('band-auth', T0, 10));
      assert.deepEqual(await store.coverage('band-auth', T0, T0 + QUARTER_MS), [{ t: T0, seconds: 10 }]);
      await store.close();
    });

    it('gives a clear 401 without them, or with a wrong password', async () => {
      const { url } = await auth();
      const is401 = (err: unknown) => {
        assert.ok(err instanceof InfluxError);
        assert.equal(err.status, 401);
        assert.match(err.message, /HTTP 401: .*(authorization failed|authentication).*check the token/);
        return true;
      };
      // Creating the database is allowed to fail (a token may lack the right); writing is not.
      const anonymous = await createInfluxStore({ url });
      await assert.rejects(anonymous.write(seconds('band-auth', T0, 1)), is401);
      await assert.rejects(anonymous.devices(), is401);
      await anonymous.close();
      const wrong = await createInfluxStore({ url, username: 'admin', password: 'nope' });
      await assert.rejects(wrong.write(seconds('band-auth', T0, 1)), is401);
      await wrong.close();
    });
  });
});
