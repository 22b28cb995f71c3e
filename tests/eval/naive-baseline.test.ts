import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { addSamples, type EmgBlocks, runNaiveBaseline, sustainedRuns } from '../../eval/naive-baseline.ts';
import { DEFAULT_TOPIC_PREFIX } from '../../protocol/index.ts';
import { type TruthEvent, writeSimulation } from '../../simulator/index.ts';

const HZ = 1000;

/** Blocks of a sine of RMS `rmsUv` from t0 for `ms`, in 200 ms frames. */
function sine(blocks: EmgBlocks, t0: number, ms: number, rmsUv: number): void {
  for (let t = t0; t < t0 + ms; t += 200) {
    const uv = new Float32Array(200);
    for (let i = 0; i < uv.length; i++)
      uv[i] = rmsUv * Math.SQRT2 * Math.sin((2 * Math.PI * 50 * (t + i)) / 1000);
    addSamples(blocks, t, HZ, uv);
  }
}
const empty = (): EmgBlocks => ({ sumSq: new Map(), count: new Map(), samplesPerBlock: 0 });

test('fires on 1 s RMS ≥ 20 µV held 10 s, even when it is mains hum', () => {
  const b = empty();
  sine(b, 0, 5_000, 3);
  sine(b, 5_000, 12_000, 25);
  sine(b, 17_000, 5_000, 3);
  const runs = sustainedRuns(b, 20, 10_000);
  assert.equal(runs.length, 1);
  // First crossing a little after 5 s (once the 1 s window holds enough of the burst); last
  // window above ends a little after 17 s.
  assert.ok(runs[0]!.start > 5_000 && runs[0]!.start <= 6_000, `start ${runs[0]!.start}`);
  assert.ok(runs[0]!.end > 17_000 && runs[0]!.end <= 18_000, `end ${runs[0]!.end}`);
});

test('does not fire below the threshold or for less than 10 s', () => {
  const quiet = empty();
  sine(quiet, 0, 30_000, 15);
  assert.deepEqual(sustainedRuns(quiet, 20, 10_000), []);
  const short = empty();
  sine(short, 0, 8_000, 40);
  assert.deepEqual(sustainedRuns(short, 20, 10_000), []);
});

test('a gap of lost frames breaks a run', () => {
  const b = empty();
  sine(b, 0, 8_000, 40);
  sine(b, 10_000, 8_000, 40);
  assert.deepEqual(sustainedRuns(b, 20, 10_000), []);
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-eval-test-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('on a simulated recording it fires on a strong cramp', async () => {
  // The first short night whose band has low hum and a strong cramp 30 s in.
  for (let seed = 1; seed <= 40; seed++) {
    const path = join(dir, `night-${seed}.jsonl`);
    const { truth } = await writeSimulation(
      { seed, minutes: 2, profile: 'demo', firstCrampAtS: 30, faults: 'none', encoding: 'binary' },
      path,
    );
    const band = truth.bands[0]!;
    const cramp = band.events.find((e: TruthEvent) => e.kind === 'cramp');
    if (!cramp || band.traits.humUv > 8 || !((cramp.peakUv as number) >= 80)) continue;
    const { events, phases } = await runNaiveBaseline(path, { topicPrefix: DEFAULT_TOPIC_PREFIX });
    const hit = events.find((e) => e.kind === 'cramp' && e.start < cramp.end && (e.end ?? 0) > cramp.start);
    assert.ok(hit, `seed ${seed}: no naive cramp over the truth cramp ${cramp.start}-${cramp.end}`);
    assert.equal(hit.device, band.device);
    assert.ok(Math.abs(hit.start - cramp.start) < 15_000, `onset off by ${hit.start - cramp.start} ms`);
    assert.ok(phases.some((p) => p.event.id === hit.id && p.at === hit.start + 10_000));
    return;
  }
  assert.fail('no seed in 1-40 gives a short night with low hum and a strong cramp');
});
