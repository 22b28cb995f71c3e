import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alertDelaysMs } from '../../eval/alert-delay.ts';
import type { AlertPhase } from '../../eval/detections.ts';
import { falseAlertCause, falseAlerts, NO_CAUSE, SPLIT_CAUSE } from '../../eval/false-alerts.ts';
import { fixed, pct, seconds } from '../../eval/format.ts';
import { median, percentile } from '../../eval/percentile.ts';
import { scoreBand, sumScores } from '../../eval/score-band.ts';
import type { CrampWatchEvent } from '../../protocol/index.ts';
import type { BandTruth, TruthEvent } from '../../simulator/index.ts';

const truthEvent = (kind: TruthEvent['kind'], start: number, end: number, extra = {}): TruthEvent => ({
  kind,
  start,
  end,
  ...extra,
});
const det = (
  kind: string,
  start: number,
  end: number | null,
  late = false,
  device = 'band-1',
): CrampWatchEvent => ({
  id: `${device}:${kind}:${start}`,
  device,
  kind,
  start,
  end,
  late,
});

test('percentile interpolates between closest ranks; median; NaN for nothing', () => {
  assert.equal(percentile([3, 1, 2], 50), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(percentile([0, 10], 95), 9.5);
  assert.equal(
    percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21], 95),
    20,
  );
  assert.equal(percentile([7], 95), 7);
  assert.equal(percentile([5, 1], 0), 1);
  assert.equal(percentile([5, 1], 100), 5);
  assert.ok(Number.isNaN(percentile([], 50)));
});

test('a false cramp is blamed on the truth episode it overlaps most', () => {
  const truth = [
    truthEvent('twitch', 0, 1_000),
    truthEvent('turn', 500, 20_000),
    truthEvent('plantar_flexion', 0, 600_000),
    truthEvent('cramp', 100_000, 160_000),
  ];
  assert.equal(falseAlertCause({ start: 0, end: 15_000 }, truth), 'turn');
  assert.equal(falseAlertCause({ start: 0, end: 800 }, truth), 'twitch');
  // Plantar flexion is a state, never a cause.
  assert.equal(falseAlertCause({ start: 300_000, end: 310_000 }, truth), NO_CAUSE);
  assert.equal(falseAlertCause({ start: 150_000, end: 170_000 }, truth), SPLIT_CAUSE);
});

test('false alerts count by cause and by lead-off / turn / PLM overlap', () => {
  const truth = [
    truthEvent('lead_off', 0, 30_000),
    truthEvent('turn', 25_000, 40_000),
    truthEvent('plm_series', 100_000, 200_000),
  ];
  const r = falseAlerts(
    [det('cramp', 10_000, 28_000), det('cramp', 120_000, 140_000), det('cramp', 500_000, 510_000)],
    truth,
  );
  assert.deepEqual(r.byCause, { lead_off: 1, plm_series: 1, none: 1 });
  assert.deepEqual(r.during, { lead_off: 1, turn: 1, plm_series: 1 });
});

test('alert delay is the first live start phase for the cramp; late and other-device phases do not count', () => {
  const cramps = [truthEvent('cramp', 100_000, 160_000), truthEvent('cramp', 500_000, 520_000)];
  const phase = (at: number, e: CrampWatchEvent, p: AlertPhase['phase'] = 'start'): AlertPhase => ({
    phase: p,
    at,
    event: e,
  });
  const phases = [
    phase(95_000, det('cramp', 60_000, null, false, 'band-2')),
    phase(109_000, det('cramp', 98_000, null, true)),
    phase(112_000, det('cramp', 99_000, null)),
    phase(111_000, det('cramp', 99_000, null), 'update'),
    phase(118_000, det('cramp', 101_000, null)),
    phase(700_000, det('cramp', 690_000, null)),
  ];
  assert.deepEqual(alertDelaysMs(cramps, phases, 'band-1'), [12_000, null]);
});

test('an alert during the silent tension rise before a cramp is for that cramp (negative delay)', () => {
  const cramps = [truthEvent('cramp', 100_000, 160_000, { preStart: 60_000 })];
  const early = { phase: 'start' as const, at: 90_000, event: det('cramp', 78_000, null) };
  assert.deepEqual(alertDelaysMs(cramps, [early], 'band-1'), [-10_000]);
  const before = { phase: 'start' as const, at: 50_000, event: det('cramp', 40_000, null) };
  assert.deepEqual(
    alertDelaysMs(cramps, [before], 'band-1'),
    [null],
    'an alert before the tension rise is not for it',
  );
});

test('scoreBand puts it together on a hand-made band-night', () => {
  const events = [
    truthEvent('cramp', 100_000, 160_000, { weak: false }),
    truthEvent('stretch', 150_000, 160_000),
    truthEvent('cramp', 400_000, 430_000, { weak: true }),
    truthEvent('spasm', 600_000, 603_000),
    truthEvent('turn', 700_000, 720_000),
  ];
  const series = {
    startMs: 0,
    stepMs: 1000,
    angleDeg: [90, 120, 120, 90],
    plantarFlexionDeg: [0, 30, 30, 0],
    observable: [true, true, false, true],
    restingUv: [3, 3, 3, 3],
  };
  const truth = { device: 'band-1', events, series } as unknown as BandTruth;
  const detected = [
    det('cramp', 98_000, 158_000),
    det('cramp', 705_000, 716_000),
    det('spasm', 601_000, 602_000),
    det('plantar_flexion', 1_000, 3_000),
    det('cramp', 400_000, 430_000, false, 'band-2'),
  ];
  const phases: AlertPhase[] = [{ phase: 'start', at: 111_000, event: det('cramp', 98_000, null) }];
  const s = scoreBand(truth, { events: detected, phases }, 8, true);
  assert.deepEqual(s.cramps, { tp: 1, fp: 1, fn: 1 });
  assert.deepEqual(s.weakCramps, { tp: 0, fp: 0, fn: 1 });
  assert.deepEqual(s.spasms, { tp: 1, fp: 0, fn: 0 });
  assert.deepEqual(s.onsetErrorsMs, [-2_000]);
  assert.deepEqual(s.alertDelaysMs, [11_000]);
  assert.equal(s.timelyAlerts, 1);
  assert.deepEqual(s.falseAlerts.byCause, { turn: 1 });
  assert.equal(s.foot?.agree, 3);
  assert.equal(s.foot?.unobservableClaimed, 1);
  const sum = sumScores([s, s]);
  assert.deepEqual(sum.cramps, { tp: 2, fp: 2, fn: 2 });
  assert.deepEqual(sum.falseAlerts.byCause, { turn: 2 });
  assert.equal(sum.hours, 16);
  assert.equal(sum.foot?.observable, 6);
});

test('cells show a dash, never NaN', () => {
  assert.equal(pct(Number.NaN), '—');
  assert.equal(pct(0.876), '88%');
  assert.equal(fixed(Number.NaN), '—');
  assert.equal(seconds(12_345), '12.3');
});
