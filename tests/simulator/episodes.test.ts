import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SimulationInput } from '../../simulator/index.ts';
import { FULL_SCALE_UV } from '../../simulator/signal/emg-synth.ts';
import {
  accelBetween,
  cleanRms,
  decodedFrames,
  emgBetween,
  findSeed,
  framesByTime,
  rms,
  runNight,
  statuses,
} from './helpers.ts';

test('a restless night has periodic leg movement series as the scoring rules define them', () => {
  const base: SimulationInput = { minutes: 30, profile: 'restless', faults: 'none' };
  const seed = findSeed(base, (plan) => plan.events.filter((e) => e.kind === 'plm_series').length >= 2);
  const night = runNight({ ...base, seed });
  const band = night.truth.bands[0]!;
  const frames = framesByTime(decodedFrames(night.messages, band.device));
  const series = band.events.filter((e) => e.kind === 'plm_series');
  assert.ok(series.length >= 2);
  for (const s of series) {
    const moves = s.movements as { start: number; end: number }[];
    assert.ok(moves.length >= 4);
    for (let i = 0; i < moves.length; i++) {
      const m = moves[i]!;
      assert.ok(m.end - m.start >= 500 && m.end - m.start <= 10_000, 'each movement lasts 0.5-10 s');
      if (i > 0) {
        const gap = m.start - moves[i - 1]!.start;
        assert.ok(gap >= 10_000 && gap <= 90_000, `onset to onset ${gap} ms`);
      }
      // Leg movement: EMG at least 8 µV over resting at some point, and the leg moves a little.
      const resting = band.series.restingUv[Math.floor((m.start - band.series.startMs) / 1000)]!;
      const emg = cleanRms(emgBetween(frames, m.start, m.end), 1000, band.traits.mainsHz);
      assert.ok(emg > resting + 3, `movement EMG ${emg} µV over resting ${resting}`);
      const shankX = accelBetween(frames, m.start, m.end).map((a) => a.shank[0]!);
      const mean = shankX.reduce((a, x) => a + x, 0) / shankX.length;
      assert.ok(rms(shankX.map((x) => x - mean)) > 2, 'small accelerometer movement');
    }
  }
});

for (const flagged of [true, false]) {
  test(`lead-off rails or flattens the EMG, and the status says so only when the band knows (flagged: ${flagged})`, () => {
    const base: SimulationInput = { minutes: 10, profile: 'severe', faults: 'none' };
    const seed = findSeed(base, (plan) =>
      plan.leadOffs.some((l) => l.flagged === flagged && l.endMs < plan.durationMs - 5000),
    );
    const night = runNight({ ...base, seed });
    const band = night.truth.bands[0]!;
    const frames = framesByTime(decodedFrames(night.messages, band.device));
    const said = statuses(night.messages, band.device);
    const leadOffs = band.events.filter((e) => e.kind === 'lead_off' && e.flagged === flagged);
    assert.ok(leadOffs.length >= 1);
    for (const l of leadOffs) {
      const x = emgBetween(frames, l.start + 1, l.end - 1);
      if (l.mode === 'rail')
        assert.ok(
          x.every((v) => Math.abs(v) >= FULL_SCALE_UV - 0.2),
          'railed',
        );
      else
        assert.ok(
          x.every((v) => v === x[0]),
          'flat',
        );
      const on = said.find((s) => s.leadOff === true && s.t! >= l.start && s.t! <= l.start + 200);
      const off = said.find((s) => s.leadOff === false && s.t! >= l.end && s.t! <= l.end + 200);
      if (flagged) {
        assert.ok(on && off, 'statuses at the start and end of the lead-off');
      } else {
        assert.equal(on, undefined, 'an unnoticed lead-off is not in the status');
      }
    }
    // Whatever the status says, it is true: leadOff true only inside a flagged lead-off.
    for (const s of said.filter((x) => x.leadOff === true)) {
      assert.ok(
        band.events.some((e) => e.kind === 'lead_off' && e.flagged && e.start <= s.t! && s.t! <= e.end),
      );
    }
  });
}
