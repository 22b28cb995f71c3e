import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BandTruth, TruthEvent } from '../../simulator/index.ts';
import {
  accelBetween,
  ankleAngle,
  clean,
  cleanRms,
  decodedFrames,
  emgBetween,
  findSeed,
  framesByTime,
  lowRms,
  type Night,
  rms,
  runNight,
} from './helpers.ts';

// Short nights that still hold every kind of episode: a cramp 45 s in on every band, then more.
const nights: Night[] = [1, 2].map((seed) =>
  runNight({
    seed,
    minutes: 20,
    bands: 3,
    profile: 'severe',
    firstCrampAtS: 45,
    faults: 'none',
    foot: 'all',
  }),
);
const bands = nights.flatMap((night) =>
  night.truth.bands.map((truth) => ({
    truth,
    frames: framesByTime(decodedFrames(night.messages, truth.device)),
  })),
);

const eventsOf = (kind: string) =>
  bands.flatMap((b) => b.truth.events.filter((e) => e.kind === kind).map((e) => ({ ...b, e })));
const restingAt = (b: BandTruth, t: number) => b.series.restingUv[Math.floor((t - b.series.startMs) / 1000)]!;
/** Per-axis standard deviation of the shank vector, the largest of the three (mg). */
function shankMotion(b: (typeof bands)[number], from: number, to: number): number {
  const samples = accelBetween(b.frames, from, to);
  let worst = 0;
  for (let k = 0; k < 3; k++) {
    const v = samples.map((s) => s.shank[k]!);
    const mean = v.reduce((a, x) => a + x, 0) / v.length;
    worst = Math.max(worst, rms(v.map((x) => x - mean)));
  }
  return worst;
}
/** A 10 s window before `t` that overlaps no labelled episode (foot position aside). */
function quietWindowBefore(b: BandTruth, t: number): [number, number] | undefined {
  for (let k = 0; k < 8; k++) {
    const from = t - 10_000 * (k + 1);
    const to = from + 10_000;
    const clear = b.events.every(
      (e) => e.kind === 'plantar_flexion' || e.end < from - 1000 || e.start > to + 1000,
    );
    if (from > b.series.startMs + 2000 && clear) return [from, to];
  }
  return undefined;
}

test('a labelled cramp is sustained EMG well above resting, with the leg still before it', () => {
  const cramps = eventsOf('cramp');
  assert.ok(cramps.length >= 6, `${cramps.length} cramps`);
  let compared = 0;
  for (const { truth, frames, e } of cramps) {
    const mains = truth.traits.mainsHz;
    const during = cleanRms(emgBetween(frames, e.start, e.stretchStart as number), 1000, mains);
    const resting = restingAt(truth, e.start);
    assert.ok(
      during >= 1.5 * resting && during >= resting + 5,
      `${truth.device} cramp at ${e.start}: ${during} µV vs resting ${resting}`,
    );
    const quiet = quietWindowBefore(truth, e.preStart as number);
    if (!e.weak && quiet) {
      const before = cleanRms(emgBetween(frames, ...quiet), 1000, mains);
      assert.ok(
        during >= 2 * before,
        `${truth.device} cramp at ${e.start}: ${during} µV vs ${before} before`,
      );
      compared++;
    }
    assert.ok(
      shankMotion({ truth, frames }, e.preStart as number, e.start) < 10,
      'no movement in the tension rise',
    );
    assert.ok(e.end - e.start >= 10_000 && e.end - e.start <= 11 * 60_000);
  }
  assert.ok(compared >= 4, `${compared} cramps compared with a quiet window`);
});

test('a cramp points the foot, and the stretch that ends it moves the leg and pulls the foot up', () => {
  for (const { truth, frames, e } of eventsOf('cramp')) {
    const mid = Math.floor((e.start + (e.stretchStart as number)) / 2000) * 1000;
    const i = (mid - truth.series.startMs) / 1000;
    assert.ok(truth.series.plantarFlexionDeg[i]! >= 20, 'the foot is plantar flexed mid-cramp');
    const stretch = truth.events.find((s) => s.kind === 'stretch' && s.start === e.stretchStart);
    assert.ok(stretch, 'every cramp ends with a stretch');
    assert.ok(shankMotion({ truth, frames }, stretch.start, stretch.end) > 20, 'the stretch moves the leg');
    const j = Math.floor((stretch.start + stretch.end) / 2000) - truth.series.startMs / 1000;
    assert.ok(truth.series.plantarFlexionDeg[j]! < 0, 'the stretch dorsiflexes the foot');
  }
});

test("the truth's foot angle is what the frames' accelerometers say, wherever it is observable", () => {
  let checked = 0;
  let unobservable = 0;
  for (const { truth, frames } of bands) {
    const byTime = new Map(
      accelBetween(frames, truth.series.startMs, Number.POSITIVE_INFINITY).map((s) => [s.t, s]),
    );
    truth.series.angleDeg.forEach((angle, i) => {
      if (!truth.series.observable[i]) {
        unobservable++;
        return;
      }
      const s = byTime.get(truth.series.startMs + i * 1000);
      assert.ok(s?.foot, 'a sample at every second');
      const measured = ankleAngle(s.shank, s.foot);
      assert.ok(Math.abs(measured - angle) < 2, `${truth.device} at ${i} s: ${measured} vs ${angle}`);
      checked++;
      // Plantar flexion and the mounting offsets account for the whole angle.
      assert.ok(Math.abs(angle - truth.traits.neutralAngleDeg - truth.series.plantarFlexionDeg[i]!) < 0.05);
    });
  }
  assert.ok(checked > 2000 && unobservable > 200, `${checked} observable, ${unobservable} not`);
});

test('postures read as the protocol says, cover the night, and turning over moves the leg', () => {
  const expect: Record<string, (v: number[]) => boolean> = {
    supine: (v) => v[2]! < -700,
    prone: (v) => v[2]! > 700,
    left_side: (v) => v[1]! < -700,
    right_side: (v) => v[1]! > 700,
  };
  let stills = 0;
  for (const b of bands) {
    const { postures, events } = b.truth;
    assert.equal(postures[0]!.start, b.truth.series.startMs);
    for (let i = 1; i < postures.length; i++) assert.equal(postures[i]!.start, postures[i - 1]!.end);
    for (const p of postures) {
      if (p.posture === 'turning') continue;
      const mid = Math.round((p.start + p.end) / 2);
      const busy = events.some(
        (e) => e.kind !== 'plantar_flexion' && e.kind !== 'pop' && e.start < mid + 3000 && e.end > mid - 3000,
      );
      if (busy) continue;
      const samples = accelBetween(b.frames, mid - 1000, mid + 1000);
      const mean = [0, 1, 2].map((k) => samples.reduce((a, s) => a + s.shank[k]!, 0) / samples.length);
      assert.ok(expect[p.posture]!(mean), `${p.posture} reads ${mean.map(Math.round)}`);
      stills++;
    }
    for (const turn of events.filter((e) => e.kind === 'turn')) {
      assert.ok(shankMotion(b, turn.start, turn.end) > 20, `turn at ${turn.start} moves the leg`);
      assert.notEqual(turn.from, turn.to);
    }
  }
  assert.ok(stills >= 6, `${stills} still postures checked`);
  assert.ok(eventsOf('turn').length >= 3);
});

test('turning over carries motion artifact below 20 Hz in the EMG', () => {
  for (const { truth, frames, e } of eventsOf('turn')) {
    const quiet = quietWindowBefore(truth, e.start);
    if (!quiet) continue;
    const during = lowRms(emgBetween(frames, e.start, e.end), 1000, 15);
    const before = lowRms(emgBetween(frames, ...quiet), 1000, 15);
    assert.ok(during > 2 * before, `turn at ${e.start}: ${during} µV below 15 Hz vs ${before} at rest`);
  }
});

test('ECG bleed shows as QRS spikes at the heart rate the truth gives', () => {
  const base = { minutes: 2, profile: 'none', faults: 'none' } as const;
  const seed = findSeed(base, (plan, traits) => traits.ecgUv >= 25 && plan.events.length === 0);
  const night = runNight({ ...base, seed });
  const band = night.truth.bands[0]!;
  const frames = framesByTime(decodedFrames(night.messages, band.device));
  const from = band.series.startMs + 20_000;
  const x = clean(emgBetween(frames, from, from + 60_000), 1000, band.traits.mainsHz, 30).map(Math.abs);
  let beats = 0;
  for (let i = 1, last = -1000; i < x.length - 1; i++) {
    if (x[i]! > 0.3 * band.traits.ecgUv && x[i]! >= x[i - 1]! && x[i]! >= x[i + 1]! && i - last > 300) {
      beats++;
      last = i;
    }
  }
  const expected = band.traits.heartRateBpm;
  assert.ok(Math.abs(beats - expected) <= 0.15 * expected, `${beats} beats a minute, heart rate ${expected}`);
});

test('spasms and twitches are brief bursts over resting; spasms keep the leg still', () => {
  const spasms = eventsOf('spasm');
  assert.ok(spasms.length >= 3, `${spasms.length} spasms`);
  for (const { truth, frames, e } of spasms) {
    assert.ok(e.end - e.start >= 500 && e.end - e.start <= 10_000);
    assert.ok(shankMotion({ truth, frames }, e.start, e.end) < 10);
    const during = cleanRms(emgBetween(frames, e.start, e.end), 1000, truth.traits.mainsHz);
    assert.ok(during >= 2 * restingAt(truth, e.start), `${during} vs resting ${restingAt(truth, e.start)}`);
  }
  for (const { e } of eventsOf('twitch')) assert.ok(e.end - e.start < 2000);
});

test('electrode pops are spikes in the EMG where the truth puts them', () => {
  const pops = eventsOf('pop').filter(
    ({ truth, e }) =>
      !truth.events.some((l) => l.kind === 'lead_off' && l.start <= e.end && l.end >= e.start),
  );
  assert.ok(pops.length >= 1, 'some pops to look at');
  for (const { frames, e } of pops) {
    const x = emgBetween(frames, e.start, e.start + 5);
    const peak = Math.max(...Array.from(x, Math.abs));
    assert.ok(peak >= 0.5 * (e.amplitudeUv as number), `pop of ${e.amplitudeUv} µV peaks at ${peak}`);
  }
});

test('mains hum is at the frequency the truth gives the band', () => {
  for (const { truth, frames } of bands) {
    if (truth.traits.humUv < 2) continue;
    const x = emgBetween(frames, truth.series.startMs + 1000, truth.series.startMs + 3000);
    const power = (hz: number) => {
      let re = 0;
      let im = 0;
      x.forEach((v, i) => {
        re += v * Math.cos((2 * Math.PI * hz * i) / 1000);
        im += v * Math.sin((2 * Math.PI * hz * i) / 1000);
      });
      return re * re + im * im;
    };
    const other = truth.traits.mainsHz === 50 ? 60 : 50;
    assert.ok(
      power(truth.traits.mainsHz) > 10 * power(other),
      `${truth.device}: hum at ${truth.traits.mainsHz} Hz`,
    );
  }
});

test('every event lies within the night, in order, with the fields its kind promises', () => {
  for (const night of nights) {
    for (const b of night.truth.bands) {
      let last = Number.NEGATIVE_INFINITY;
      for (const e of b.events as TruthEvent[]) {
        assert.ok(e.start >= last && e.end >= e.start, `${e.kind} at ${e.start}`);
        assert.ok(e.start >= night.truth.startMs && e.end <= night.truth.endMs + 1000);
        last = e.start;
      }
      for (const e of b.events.filter((x) => x.kind === 'cramp')) {
        for (const field of [
          'preStart',
          'stretchStart',
          'peakUv',
          'baselineUv',
          'weak',
          'plantarFlexionDeg',
        ]) {
          assert.ok(field in e, `cramp has ${field}`);
        }
        assert.ok((e.preStart as number) <= e.start && (e.stretchStart as number) < e.end);
      }
    }
  }
});
