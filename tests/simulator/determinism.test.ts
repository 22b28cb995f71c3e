import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type SimulationInput, writeSimulation } from '../../simulator/index.ts';
import { payloadBytes, runNight } from './helpers.ts';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-sim-det-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const base: SimulationInput = {
  seed: 11,
  minutes: 3,
  bands: 2,
  encoding: 'mixed',
  faults: 'heavy',
  profile: 'demo',
};

async function digest(input: SimulationInput, name: string): Promise<{ recording: string; truth: string }> {
  const path = join(dir, name);
  const written = await writeSimulation(input, path);
  const hash = async (p: string) =>
    createHash('sha256')
      .update(await readFile(p))
      .digest('hex');
  return { recording: await hash(path), truth: await hash(written.truthPath) };
}

test('the same seed and options give byte-identical recording and truth files', async () => {
  const a = await digest(base, 'a.jsonl');
  const b = await digest(base, 'b.jsonl');
  assert.deepEqual(a, b);
  const c = await digest({ ...base, seed: 12 }, 'c.jsonl');
  assert.notEqual(c.recording, a.recording);
  assert.notEqual(c.truth, a.truth);
});

test('adding bands leaves band-1 exactly as it was', () => {
  const one = runNight({ ...base, bands: 1 });
  const three = runNight({ ...base, bands: 3 });
  const band1 = (ms: typeof one.messages) =>
    ms.filter((m) => m.device === 'band-1').map((m) => Buffer.from(payloadBytes(m)).toString('base64'));
  assert.deepEqual(band1(three.messages), band1(one.messages));
  assert.deepEqual(three.truth.bands[0], one.truth.bands[0]);
  assert.equal(new Set(three.messages.map((m) => m.device)).size, 3);
});
