import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLiveHub, type LiveSubscriber } from '../../api/index.ts';
import { AlertRing } from '../../api/live/alert-ring.ts';
import { event, second } from './api-fixture.ts';

/** A subscriber that records what it is sent, for the devices it names (all when none). */
function recorder(devices?: string[]): LiveSubscriber & { got: Array<{ type: string; seq?: number }> } {
  const got: Array<{ type: string; seq?: number }> = [];
  return {
    got,
    wants: (d) => devices === undefined || devices.includes(d),
    send: (json) => got.push(JSON.parse(json)),
  };
}

const T = Date.UTC(2025, 11, 1, 2, 0);
const cramp = (i: number, device = 'band-1') => event(device, 'cramp', T + i * 1000, null);

describe('AlertRing', () => {
  it('numbers alerts from 1 and gives those after a seq, oldest first', () => {
    const ring = new AlertRing(3);
    assert.equal(ring.latestSeq, 0);
    assert.deepEqual(ring.after(0), []);
    for (let i = 0; i < 2; i++) ring.push('band-1', (seq) => `a${seq}`);
    assert.deepEqual(
      ring.after(0).map((a) => a.json),
      ['a1', 'a2'],
    );
    assert.deepEqual(
      ring.after(1).map((a) => a.seq),
      [2],
    );
    assert.deepEqual(ring.after(2), []);
  });

  it('keeps only the last `capacity` alerts', () => {
    const ring = new AlertRing(3);
    for (let i = 0; i < 7; i++) ring.push('band-1', (seq) => `a${seq}`);
    assert.deepEqual(
      ring.after(0).map((a) => a.seq),
      [5, 6, 7],
    );
    assert.deepEqual(
      ring.after(5).map((a) => a.seq),
      [6, 7],
    );
    assert.throws(() => new AlertRing(0), RangeError);
  });
});

describe('LiveHub', () => {
  it('sends each alert to the subscribers that want its device, numbered', () => {
    const hub = createLiveHub();
    const all = recorder();
    const one = recorder(['band-2']);
    hub.attach(all);
    hub.attach(one);
    hub.alert({ phase: 'start', event: cramp(1) });
    hub.alert({ phase: 'start', event: cramp(2, 'band-2') });
    assert.deepEqual(
      all.got.map((m) => m.seq),
      [1, 2],
    );
    assert.deepEqual(
      one.got.map((m) => m.seq),
      [2],
    );
  });

  it('replays what a subscriber missed from `since`, all it holds when `since` is from an earlier run', () => {
    const hub = createLiveHub({ ringSize: 1000 });
    for (let i = 0; i < 5; i++) hub.alert({ phase: 'start', event: cramp(i) });
    const late = recorder();
    hub.attach(late, 3);
    assert.deepEqual(
      late.got.map((m) => m.seq),
      [4, 5],
    );
    const stranger = recorder();
    hub.attach(stranger, 99);
    assert.deepEqual(
      stranger.got.map((m) => m.seq),
      [1, 2, 3, 4, 5],
    );
    const fresh = recorder();
    hub.attach(fresh);
    assert.deepEqual(fresh.got, []);
  });

  it('stops sending to a detached subscriber, and survives one that throws', () => {
    const errors: unknown[] = [];
    const hub = createLiveHub({ onError: (err) => errors.push(err) });
    const ok = recorder();
    hub.attach({
      wants: () => true,
      send: () => {
        throw new Error('socket gone');
      },
    });
    const detach = hub.attach(ok);
    hub.alert({ phase: 'start', event: cramp(1) });
    detach();
    hub.alert({ phase: 'start', event: cramp(2) });
    assert.equal(ok.got.length, 1);
    assert.equal(errors.length, 2);
    assert.equal(hub.subscriberCount, 1);
  });

  it('keeps the latest second per device; a late (older) second does not replace it', () => {
    const hub = createLiveHub();
    assert.equal(hub.live('band-1'), null);
    hub.second(second('band-1', T + 2000, { envUv: 7 }));
    hub.second(second('band-1', T, { envUv: 1 }));
    assert.equal(hub.live('band-1')?.envUv, 7);
    assert.equal(hub.live('band-1')?.foot, 'neutral');
    assert.deepEqual(hub.devices(), ['band-1']);
  });

  it('sends a summary of each device’s latest second every period until stopped', async (t) => {
    t.mock.timers.enable({ apis: ['setInterval'] });
    const hub = createLiveHub({ summaryEveryMs: 1000 });
    const sub = recorder();
    hub.attach(sub);
    hub.start();
    hub.second(second('band-1', T));
    hub.second(second('band-2', T));
    t.mock.timers.tick(999);
    assert.equal(sub.got.length, 0);
    t.mock.timers.tick(1);
    assert.deepEqual(
      sub.got.map((m) => m.type),
      ['summary', 'summary'],
    );
    t.mock.timers.tick(1000);
    assert.equal(sub.got.length, 4);
    hub.stop();
    t.mock.timers.tick(5000);
    assert.equal(sub.got.length, 4);
  });
});
