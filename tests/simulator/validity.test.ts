import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  CONTIGUITY_TOLERANCE_MS,
  decodeFrame,
  decodeStatus,
  type Frame,
  frameSpanMs,
  parseBandTopic,
  parseRecordingLine,
} from '../../protocol/index.ts';
import { readRecordingLines } from '../../recording/index.ts';
import { type SimMessage, type SimulationInput, writeSimulation } from '../../simulator/index.ts';
import { payloadBytes, runNight } from './helpers.ts';

const CONFIGS: [string, SimulationInput][] = [
  ['JSON, foot clip, no faults', { seed: 1, minutes: 2, encoding: 'json', foot: 'all', faults: 'none' }],
  [
    'binary, no foot clip, heavy faults',
    { seed: 2, minutes: 3, encoding: 'binary', foot: 'none', faults: 'heavy' },
  ],
  [
    'mixed, three bands, outage and reboot',
    {
      seed: 3,
      minutes: 4,
      bands: 3,
      encoding: 'mixed',
      faults: { ...heavy(), outageAtS: 30, outageDurationS: 100, rebootAtS: 170 },
    },
  ],
  [
    '250 Hz EMG, 10 Hz accelerometers, 40 ms frames',
    { seed: 4, minutes: 1, emgHz: 250, accelHz: 10, frameMs: 40, foot: 'all' },
  ],
  [
    '4 kHz EMG, 200 Hz accelerometers, 5 s frames',
    { seed: 5, minutes: 1, emgHz: 4000, accelHz: 200, frameMs: 5000, foot: 'all' },
  ],
  [
    'rates that do not divide the frame',
    { seed: 6, minutes: 1, emgHz: 3000, accelHz: 33, frameMs: 70, encoding: 'mixed' },
  ],
  ['another topic prefix', { seed: 7, minutes: 1, topicPrefix: 'lab/bands' }],
];

function heavy() {
  return {
    lossProbability: 0.01,
    lossBurstsPerHour: 30,
    lossBurstMaxFrames: 20,
    duplicateProbability: 0.01,
    outagesPerNight: 0,
    outageMaxMinutes: 0,
    rebootProbability: 0,
  };
}

/** Checks what every simulated stream must satisfy, whatever the options. */
function checkStream(
  messages: readonly SimMessage[],
  input: SimulationInput,
  hasFoot: (device: string) => boolean,
) {
  const prefix = input.topicPrefix ?? 'crampwatch/v1';
  const byDevice = new Map<string, { frames: Frame[]; statuses: Record<string, unknown>[] }>();
  let lastSend = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    assert.ok(m.sendMs >= lastSend, 'messages come in order of send time');
    lastSend = m.sendMs;
    const topic = parseBandTopic(prefix, m.topic);
    assert.ok(topic.ok, m.topic);
    assert.equal(topic.value.device, m.device);
    assert.equal(topic.value.kind, m.kind);
    assert.equal(m.retain, m.kind === 'status');
    const entry = byDevice.get(m.device) ?? { frames: [], statuses: [] };
    byDevice.set(m.device, entry);
    const bytes = payloadBytes(m);
    if (m.kind === 'frame') {
      const d = decodeFrame(bytes);
      assert.ok(d.ok, d.ok ? '' : `${d.error.code}: ${d.error.message}`);
      assert.equal(d.value.emg.hz, input.emgHz ?? 1000);
      assert.equal(d.value.shank.hz, input.accelHz ?? 50);
      assert.equal(d.value.foot !== undefined, hasFoot(m.device));
      entry.frames.push(d.value);
    } else {
      const d = decodeStatus(bytes);
      assert.ok(d.ok, d.ok ? '' : d.error.message);
      entry.statuses.push(JSON.parse(Buffer.from(bytes).toString()) as Record<string, unknown>);
    }
  }
  assert.equal(byDevice.size, input.bands ?? 1);
  for (const [device, { frames, statuses }] of byDevice) {
    const first = statuses[0]!;
    assert.equal(first.online, true);
    assert.ok(first.side === 'left' || first.side === 'right');
    assert.equal(typeof first.fw, 'string');
    assert.equal(first.leadOff, false);
    assert.deepEqual(statuses.at(-1), { v: 1, online: false }, `${device} ends offline`);
    const bySeq = new Map<string, Frame>();
    for (const f of frames) bySeq.set(`${f.boot}:${f.seq}`, f);
    const boots = new Map<number, Frame[]>();
    for (const f of bySeq.values()) boots.set(f.boot, [...(boots.get(f.boot) ?? []), f]);
    for (const [boot, list] of boots) {
      list.sort((a, b) => a.seq - b.seq);
      assert.ok(list[0]!.seq <= 5, `${device} boot ${boot} starts near seq 0`);
      for (let i = 1; i < list.length; i++) {
        const a = list[i - 1]!;
        const b = list[i]!;
        if (b.seq !== a.seq + 1) {
          assert.ok(b.t0 > a.t0 + frameSpanMs(a), 'a seq gap is a time gap');
          continue;
        }
        const drift = b.t0 - (a.t0 + frameSpanMs(a));
        assert.ok(
          Math.abs(drift) <= CONTIGUITY_TOLERANCE_MS,
          `${device} seq ${b.seq}: t0 off by ${drift} ms`,
        );
      }
    }
  }
}

for (const [name, input] of CONFIGS) {
  test(`every message passes the protocol's validators: ${name}`, () => {
    const night = runNight(input);
    const feet = new Map(night.truth.bands.map((b) => [b.device, b.traits.hasFoot]));
    checkStream(night.messages, input, (d) => feet.get(d) ?? false);
    if (input.foot === 'all') assert.ok(night.truth.bands.every((b) => b.traits.hasFoot));
    if (input.foot === 'none') assert.ok(night.truth.bands.every((b) => !b.traits.hasFoot));
  });
}

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-sim-valid-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('every line of a written (gzipped) recording reads back and passes the validators', async () => {
  const input: SimulationInput = { seed: 8, minutes: 2, bands: 2, encoding: 'mixed', faults: 'heavy' };
  const path = join(dir, 'night.jsonl.gz');
  const written = await writeSimulation(input, path);
  let lines = 0;
  for await (const { text } of readRecordingLines(path)) {
    lines++;
    const parsed = parseRecordingLine(text);
    assert.ok(parsed.ok);
    const d = parsed.value.topic.endsWith('/frame')
      ? decodeFrame(parsed.value.bytes)
      : decodeStatus(parsed.value.bytes);
    assert.ok(d.ok, d.ok ? '' : d.error.message);
  }
  assert.equal(lines, written.messages);
  assert.equal(written.truth.bands.length, 2);
});
