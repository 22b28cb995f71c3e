import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { holdTextures, phasicTextures } from '../../simulator/textures/real-emg.ts';

const REAL_EMG = new URL('../../simulator/real-emg/', import.meta.url);

test('the real EMG excerpts ship with the simulator, with their sources and licences', async () => {
  const files = await readdir(REAL_EMG);
  for (const f of [
    'elderly-id01-isometric-holds-2khz.csv',
    'santuz-walking-calf-1khz.csv',
    'santuz-walking-gait-events.csv',
  ]) {
    assert.ok(files.includes(f), f);
  }
  assert.ok(files.includes('LICENSE-elderly-CC0.txt') && files.includes('LICENSE-santuz-MIT.md'));
  const readme = await readFile(new URL('README.md', REAL_EMG), 'utf8');
  assert.match(readme, /da Silva et al/);
  assert.match(readme, /Santuz et al/);
});

test('textures are unit RMS at any EMG rate, as long as the recordings they come from', () => {
  for (const hz of [250, 1000, 4000]) {
    const holds = holdTextures(hz);
    assert.equal(holds.length, 3);
    for (const t of holds) {
      assert.ok(Math.abs(t.samples.length - 10 * hz) <= 1, `${t.samples.length} samples at ${hz} Hz`);
      const rms = Math.sqrt(t.samples.reduce((s, v) => s + v * v, 0) / t.samples.length);
      assert.ok(Math.abs(rms - 1) < 1e-3, `hold RMS ${rms}`);
    }
    const phasic = phasicTextures(hz);
    assert.equal(phasic.length, 2);
    for (const t of phasic) {
      assert.equal(t.burstStarts.length, 6);
      // Calf muscles fire in stance: the second after a touchdown is louder than the 0.3 s before it.
      const [start] = t.burstStarts.slice(1);
      const seg = (a: number, b: number) => t.samples.slice(Math.round(a), Math.round(b));
      const rms = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);
      assert.ok(rms(seg(start!, start! + 0.5 * hz)) > 1.5 * rms(seg(start! - 0.3 * hz, start!)));
    }
  }
  assert.equal(holdTextures(1000), holdTextures(1000), 'parsed once, kept per rate');
});
