import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MotionEpoch } from '../../../detector/epoch.ts';
import { createMotionAnalyzer } from '../../../detector/motion/index.ts';
import { decodeFrame, type Frame } from '../../../protocol/index.ts';
import { type BandTruth, type SimulationInput, simulateNight } from '../../../simulator/index.ts';

interface Night {
  readonly frames: Frame[];
  readonly band: BandTruth;
}

const utf8 = new TextEncoder();

/** A simulated night of one band with a foot clip, its frames decoded. EMG at 250 Hz keeps it quick. */
function night(input: SimulationInput): Night {
  const gen = simulateNight({ emgHz: 250, foot: 'all', faults: 'none', ...input });
  const frames: Frame[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { frames, band: r.value.bands[0]! };
    if (r.value.kind !== 'frame') continue;
    const p = r.value.payload;
    const decoded = decodeFrame(typeof p === 'string' ? utf8.encode(p) : p);
    if (!decoded.ok) throw new Error(decoded.error.message);
    frames.push(decoded.value);
  }
}

/** Compares the epochs starting on each truth second with the truth's 1 Hz angle series. */
function agreement(epochs: readonly MotionEpoch[], band: BandTruth) {
  const byStart = new Map(epochs.map((e) => [e.startMs, e]));
  const s = band.series;
  let observable = 0;
  let read = 0;
  let within5 = 0;
  for (let k = 0; k < s.angleDeg.length; k++) {
    const e = byStart.get(s.startMs + k * s.stepMs);
    if (!e || !s.observable[k]) continue;
    observable++;
    if (e.ankleDeg === null) continue;
    read++;
    if (Math.abs(e.ankleDeg - s.angleDeg[k]!) <= 5) within5++;
  }
  return { observable, coverage: read / observable, within5: within5 / read };
}

const NIGHTS: readonly SimulationInput[] = [
  { seed: 1, minutes: 480, accelHz: 50 },
  { seed: 2, minutes: 480, accelHz: 25, frameMs: 130 },
];

describe('motion analyzer on simulated nights', () => {
  for (const input of NIGHTS) {
    it(`seed ${input.seed}, ${input.accelHz} Hz: neutral within 3° of truth, angle within 5° of truth`, (t) => {
      const { frames, band } = night(input);
      const analyzer = createMotionAnalyzer();
      const epochs = frames.flatMap((f) => analyzer.push(f));
      const neutralError = analyzer.neutralDeg - band.traits.neutralAngleDeg;
      const a = agreement(epochs, band);
      t.diagnostic(
        `neutral ${analyzer.neutralDeg.toFixed(2)}° vs truth ${band.traits.neutralAngleDeg}° ` +
          `(error ${neutralError.toFixed(2)}°); observable seconds ${a.observable}, ` +
          `read ${(100 * a.coverage).toFixed(1)}%, within 5° ${(100 * a.within5).toFixed(2)}%`,
      );
      assert.ok(Math.abs(neutralError) <= 3, `neutral error ${neutralError}`);
      assert.ok(a.coverage >= 0.97, `coverage ${a.coverage}`);
      assert.ok(a.within5 >= 0.99, `within 5° ${a.within5}`);
    });
  }
});
