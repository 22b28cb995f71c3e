import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AlertMessage } from '../../protocol/index.ts';
import { type ApiFixture, event, openApiFixture, second } from './api-fixture.ts';
import { LiveTestClient, type Received, refusal } from './live-test-client.ts';

const T = Date.UTC(2025, 11, 1, 2, 0);
let crampStarts = 0;
/** A new cramp's start phase on `device` (distinct ids). */
function crampStart(device: string): AlertMessage {
  crampStarts++;
  return { phase: 'start', event: event(device, 'cramp', T + crampStarts * 1000, null) };
}
const alertIds = (messages: Received[]) => messages.map((m) => (m['event'] as { id: string }).id);

describe('GET /api/v1/live', () => {
  let f: ApiFixture;
  let wsUrl: string;
  before(async () => {
    f = await openApiFixture({ listen: true }); // the hub's own 1 Hz summaries
    wsUrl = `${f.url.replace('http', 'ws')}/api/v1/live`;
  });
  after(() => f.close());

  it('refuses a missing or unknown token with 401, and a device out of scope with 403, before the upgrade', async () => {
    const missing = await refusal(wsUrl);
    assert.equal(missing.status, 401);
    assert.equal(missing.body.error.code, 'unauthorized');
    assert.equal((await refusal(`${wsUrl}?token=cw_not-a-token`)).status, 401);
    assert.equal((await refusal(wsUrl, { authorization: 'Bearer cw_not-a-token' })).status, 401);
    const outOfScope = await refusal(`${wsUrl}?token=${f.scopedToken}&devices=band-b`);
    assert.equal(outOfScope.status, 403);
    assert.equal(outOfScope.body.error.code, 'forbidden');
    assert.match(outOfScope.body.error.message, /band-b/);
    const bad = await refusal(`${wsUrl}?token=${f.adminToken}&since=-1`);
    assert.equal(bad.status, 400);
    assert.match(bad.body.error.message, /query\.since/);
    assert.equal(f.live.subscriberCount, 0, 'no refused client was subscribed');
  });

  it('says hello with the latest seq and the devices, then delivers an alert to a subscribed client', async () => {
    const client = await LiveTestClient.open(`${wsUrl}?token=${f.adminToken}`);
    const hello = client.ofType('hello')[0]!;
    assert.equal(hello['seq'], f.live.latestSeq);
    assert.deepEqual(hello['devices'], ['band-a', 'band-b']);
    const alert = crampStart('band-a');
    f.live.alert(alert);
    const got = await client.waitFor((m) => m.type === 'alert');
    assert.deepEqual(got, { type: 'alert', seq: f.live.latestSeq, phase: 'start', event: alert.event });
    await client.close();
  });

  it('takes the token from the Authorization header too', async () => {
    const client = await LiveTestClient.open(wsUrl, { authorization: `Bearer ${f.scopedToken}` });
    assert.deepEqual(client.ofType('hello')[0]!['devices'], ['band-a']);
    await client.close();
  });

  it('never sends a scoped client another device’s alert, status or summary', async () => {
    const scoped = await LiveTestClient.open(`${wsUrl}?token=${f.scopedToken}`);
    const admin = await LiveTestClient.open(`${wsUrl}?token=${f.adminToken}`);
    const other = crampStart('band-b');
    f.live.alert(other);
    f.live.status({ device: 'band-b', online: false, battery: null, leadOff: null, at: T });
    f.live.second(second('band-b', T));
    f.live.second(second('band-a', T));
    const mine = crampStart('band-a');
    f.live.alert(mine);
    await scoped.waitFor((m) => m.type === 'alert' && (m['event'] as { id: string }).id === mine.event.id);
    // One tick sends every device's summary: once band-a's has come, band-b's would have too.
    await admin.waitFor((m) => m.type === 'summary' && m['device'] === 'band-b');
    await scoped.waitFor((m) => m.type === 'summary' && m['device'] === 'band-a');
    assert.ok(!scoped.received.some((m) => m['device'] === 'band-b'), JSON.stringify(scoped.received));
    assert.ok(!alertIds(scoped.ofType('alert')).includes(other.event.id));
    assert.ok(alertIds(admin.ofType('alert')).includes(other.event.id));
    assert.ok(admin.ofType('status').some((m) => m['device'] === 'band-b' && m['online'] === false));
    await Promise.all([scoped.close(), admin.close()]);
  });

  it('never sends late events: they are stored, not alerted', async () => {
    const client = await LiveTestClient.open(`${wsUrl}?token=${f.adminToken}`);
    const seq = f.live.latestSeq;
    const late = crampStart('band-a');
    f.live.alert({ ...late, event: { ...late.event, late: true } });
    const live = crampStart('band-a');
    f.live.alert(live);
    await client.waitFor((m) => m.type === 'alert');
    assert.deepEqual(alertIds(client.ofType('alert')), [live.event.id]);
    assert.equal(f.live.latestSeq, seq + 1);
    await client.close();
  });

  it('sends a reconnecting client the alerts it missed, exactly once, then live ones', async () => {
    const first = await LiveTestClient.open(`${wsUrl}?token=${f.adminToken}&devices=band-a`);
    const seen = crampStart('band-a');
    f.live.alert(seen);
    const lastSeen = (await first.waitFor((m) => m.type === 'alert'))['seq'] as number;
    await first.close();
    const missed = [crampStart('band-a'), crampStart('band-b'), crampStart('band-a')];
    for (const m of missed) f.live.alert(m);

    const again = await LiveTestClient.open(
      `${wsUrl}?token=${f.adminToken}&devices=band-a&since=${lastSeen}`,
    );
    const after = crampStart('band-a');
    f.live.alert(after);
    await again.waitFor((m) => m.type === 'alert' && (m['event'] as { id: string }).id === after.event.id);
    const alerts = again.ofType('alert');
    assert.deepEqual(alertIds(alerts), [missed[0]!.event.id, missed[2]!.event.id, after.event.id]);
    const seqs = alerts.map((m) => m['seq'] as number);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'in seq order',
    );
    assert.ok(seqs[0]! > lastSeen);
    assert.equal(again.received[0]!.type, 'hello', 'hello comes first');
    await again.close();
  });

  it('sends a 1 Hz summary of the latest second of each subscribed device', async () => {
    f.live.second(second('band-a', T, { flexionDeg: 30, plantarFlexed: true, envUv: 42 }));
    const client = await LiveTestClient.open(`${wsUrl}?token=${f.adminToken}&devices=band-a`);
    const summary = await client.waitFor((m) => m.type === 'summary');
    assert.deepEqual(summary, {
      type: 'summary',
      device: 'band-a',
      at: T,
      quality: 'good',
      envUv: 42,
      baselineUv: 3,
      movementMg: 10,
      foot: 'plantar_flexed',
      flexionDeg: 30,
      posture: 'supine',
    });
    // And again a second later, with the latest second of the band.
    f.live.second(second('band-a', T + 1000));
    const next = await client.waitFor((m) => m.type === 'summary' && m['at'] === T + 1000);
    assert.equal(next['foot'], 'neutral');
    await client.close();
  });

  it('replaces the subscription on a subscribe message, within the token’s scope', async () => {
    const client = await LiveTestClient.open(`${wsUrl}?token=${f.scopedToken}`);
    client.send({ type: 'subscribe', devices: ['band-a', 'band-b'] });
    const ack = await client.waitFor((m) => m.type === 'subscribed');
    assert.deepEqual(ack['devices'], ['band-a']);
    client.send({ type: 'subscribe', devices: [] });
    await client.waitFor((m) => m.type === 'subscribed' && (m['devices'] as string[]).length === 0);
    const ignored = crampStart('band-a');
    f.live.alert(ignored);
    client.send({ type: 'unsubscribe' });
    const error = await client.waitFor((m) => m.type === 'error');
    assert.match((error['error'] as { message: string }).message, /type must be "subscribe"/);
    assert.equal(client.ofType('alert').length, 0);
    await client.close();
  });
});
