import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LiveMessage } from '../../dashboard/src/api/live-messages.ts';
import { createLiveSocket, liveUrl, type SocketHandlers } from '../../dashboard/src/live/live-socket.ts';

/** A fake transport and clock: each connection is recorded; timers run when the test says. */
function harness() {
  const connections: Array<{ url: string; handlers: SocketHandlers; closed: boolean }> = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const received: LiveMessage[] = [];
  const states: string[] = [];
  const socket = createLiveSocket({
    url: (since) => (since === undefined ? 'ws://x/live' : `ws://x/live?since=${since}`),
    onMessage: (m) => received.push(m),
    onState: (s) => states.push(s.kind),
    createSocket: (url, handlers) => {
      const c = { url, handlers, closed: false };
      connections.push(c);
      return { close: () => (c.closed = true) };
    },
    timers: {
      setTimeout: (run, ms) => timers.push({ run, ms }),
      clearTimeout: () => {},
      now: () => 0,
      random: () => 1,
    },
  });
  const send = (i: number, m: object) => connections[i]!.handlers.message(JSON.stringify(m));
  return { socket, connections, timers, received, states, send };
}

const alert = (seq: number) => ({
  type: 'alert',
  seq,
  phase: 'start',
  event: { id: `e${seq}`, device: 'band-1', kind: 'cramp', start: seq, end: null, late: false },
});

test('after a drop it reconnects with a growing delay, asking for the alerts after the last one seen', () => {
  const h = harness();
  h.socket.start();
  assert.equal(h.connections[0]!.url, 'ws://x/live');
  h.send(0, { type: 'hello', seq: 4, devices: ['band-1'] });
  h.send(0, alert(5));
  h.connections[0]!.handlers.close();
  assert.equal(h.timers[0]!.ms, 1000);
  h.timers[0]!.run();
  assert.equal(h.connections[1]!.url, 'ws://x/live?since=5');
  h.connections[1]!.handlers.close(); // refused before its hello: the delay grows
  assert.equal(h.timers[1]!.ms, 2000);
  h.timers[1]!.run();
  h.send(2, { type: 'hello', seq: 7, devices: ['band-1'] });
  h.send(2, alert(5)); // held alerts the page already had are not passed on twice
  h.send(2, alert(6));
  h.send(2, alert(7));
  assert.deepEqual(
    h.received.filter((m) => m.type === 'alert').map((m) => (m.type === 'alert' ? m.seq : 0)),
    [5, 6, 7],
  );
  h.connections[2]!.handlers.close();
  assert.equal(h.timers[2]!.ms, 1000, 'a connection that said hello restarts the backoff');
  assert.deepEqual(h.states.slice(0, 4), ['connecting', 'open', 'waiting', 'connecting']);
});

test('when the service restarted (its seq is behind ours) every alert it sends is taken', () => {
  const h = harness();
  h.socket.start();
  h.send(0, { type: 'hello', seq: 40, devices: [] });
  h.connections[0]!.handlers.close();
  h.timers[0]!.run();
  assert.equal(h.connections[1]!.url, 'ws://x/live?since=40');
  h.send(1, { type: 'hello', seq: 2, devices: [] });
  h.send(1, alert(1));
  h.send(1, alert(2));
  assert.equal(h.received.filter((m) => m.type === 'alert').length, 2);
});

test('stop closes the socket and does not reconnect; junk messages are ignored', () => {
  const h = harness();
  h.socket.start();
  h.connections[0]!.handlers.message('not json');
  h.connections[0]!.handlers.message(JSON.stringify({ type: 'mystery' }));
  assert.equal(h.received.length, 0);
  h.socket.stop();
  assert.equal(h.connections[0]!.closed, true);
  h.connections[0]!.handlers.close();
  assert.equal(h.timers.length, 0);
});

test('the live URL is on the page host, ws or wss to match, with the token and since', () => {
  assert.equal(liveUrl('http://h:8080/#/night', 'cw_t', undefined), 'ws://h:8080/api/v1/live?token=cw_t');
  assert.equal(
    liveUrl('https://h/crampwatch/?a=1', 'cw_t', 9),
    'wss://h/crampwatch/api/v1/live?token=cw_t&since=9',
  );
});
