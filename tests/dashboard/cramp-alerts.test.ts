import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertMessage } from '../../dashboard/src/api/live-messages.ts';
import { CrampAlerts } from '../../dashboard/src/live/cramp-alerts.ts';
import { event } from './fixtures.ts';

const phase = (p: AlertMessage['phase'], kind: string, start: number, end: number | null, at?: number) =>
  ({
    type: 'alert',
    seq: 1,
    phase: p,
    event: event(kind, start, end, { peakUv: 300 }),
    ...(at ? { at } : {}),
  }) as const;

test('a cramp opens on start, counts up on update and the band clock, and closes with its length on end', () => {
  const alerts = new CrampAlerts();
  const started = alerts.apply(phase('start', 'cramp', 10_000, null, 14_000), undefined);
  assert.deepEqual(started, {
    isNew: true,
    alert: {
      id: 'band-1:cramp:10000',
      device: 'band-1',
      startMs: 10_000,
      durationMs: 4000,
      ended: false,
      peakUv: 300,
    },
  });
  assert.equal(alerts.apply(phase('update', 'cramp', 10_000, null), 19_000)?.alert.durationMs, 9000);
  assert.equal(alerts.apply(phase('update', 'cramp', 10_000, null), 19_000)?.isNew, false);
  assert.deepEqual(
    alerts.tick('band-1', 21_000).map((a) => a.durationMs),
    [11_000],
  );
  assert.deepEqual(alerts.tick('band-2', 99_000), []);
  const ended = alerts.apply(phase('end', 'cramp', 10_000, 52_000), 60_000)?.alert;
  assert.equal(ended?.ended, true);
  assert.equal(ended?.durationMs, 42_000);
  assert.deepEqual(alerts.tick('band-1', 99_000), [], 'an ended cramp stays at its length');
  assert.equal(alerts.apply(phase('update', 'cramp', 10_000, null), 99_000)?.alert.ended, true);
});

test('other kinds raise no alert; a dismissed cramp stays dismissed', () => {
  const alerts = new CrampAlerts();
  assert.equal(alerts.apply(phase('start', 'spasm', 1000, null), 2000), undefined);
  alerts.apply(phase('start', 'cramp', 1000, null), 2000);
  alerts.dismiss('band-1:cramp:1000');
  assert.equal(alerts.apply(phase('update', 'cramp', 1000, null), 5000), undefined);
  assert.deepEqual(alerts.list(), []);
});
