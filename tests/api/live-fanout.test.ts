import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ApiFixture, event, openApiFixture } from './api-fixture.ts';
import { LiveTestClient } from './live-test-client.ts';

const CLIENTS = 200;

describe('live fan-out', () => {
  let f: ApiFixture;
  let clients: LiveTestClient[] = [];
  before(async () => {
    f = await openApiFixture({ listen: true, records: false });
    const url = `${f.url.replace('http', 'ws')}/api/v1/live?token=${f.adminToken}`;
    // In batches: 200 handshakes at once would only measure the listen backlog.
    for (let i = 0; i < CLIENTS; i += 50) {
      clients = clients.concat(await Promise.all(Array.from({ length: 50 }, () => LiveTestClient.open(url))));
    }
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await f.close();
  });

  it(`delivers one alert to each of ${CLIENTS} clients, once`, async () => {
    assert.equal(f.live.subscriberCount, CLIENTS);
    const cramp = event('band-1', 'cramp', Date.UTC(2025, 11, 1, 2), null);
    f.live.alert({ phase: 'start', event: cramp });
    const isIt = (m: { type: string; event?: unknown }) =>
      m.type === 'alert' && (m.event as { id: string }).id === cramp.id;
    await Promise.all(clients.map((c) => c.waitFor(isIt, 20_000)));
    for (const c of clients) assert.equal(c.received.filter(isIt).length, 1);
  });
});
