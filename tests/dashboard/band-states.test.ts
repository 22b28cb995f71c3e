import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SummaryMessage } from '../../dashboard/src/api/live-messages.ts';
import { BandStates, SPARKLINE_SECONDS } from '../../dashboard/src/live/band-states.ts';

const summary = (at: number, envUv: number): SummaryMessage => ({
  type: 'summary',
  device: 'band-1',
  at,
  quality: 'good',
  envUv,
  baselineUv: 3,
  movementMg: 0,
  foot: 'neutral',
  flexionDeg: 2,
  posture: 'supine',
});

test('each new second joins the sparkline; a repeated one (a band gone quiet) does not', () => {
  const bands = new BandStates('UTC');
  bands.summary(summary(1000, 4));
  bands.summary(summary(2000, 5));
  bands.summary(summary(2000, 5));
  bands.summary(summary(1000, 9)); // older than shown
  const band = bands.get('band-1')!;
  assert.deepEqual(band.envelope, [4, 5]);
  assert.equal(band.live?.at, 2000);
  assert.equal(band.online, true);
});

test('the sparkline keeps the last seconds only', () => {
  const bands = new BandStates('UTC');
  for (let s = 1; s <= SPARKLINE_SECONDS + 5; s++) bands.summary(summary(s * 1000, s));
  const { envelope } = bands.get('band-1')!;
  assert.equal(envelope.length, SPARKLINE_SECONDS);
  assert.equal(envelope[0], 6);
});

test('a status changes only what it says; null battery means the band did not say', () => {
  const bands = new BandStates('UTC');
  bands.status({ type: 'status', device: 'band-2', online: true, battery: 0.8, leadOff: false, at: 1 });
  bands.status({ type: 'status', device: 'band-2', online: false, battery: null, leadOff: null, at: 2 });
  const band = bands.get('band-2')!;
  assert.equal(band.online, false);
  assert.equal(band.battery, null);
  assert.deepEqual(
    bands.list().map((b) => b.id),
    ['band-2'],
  );
});
