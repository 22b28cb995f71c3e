import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { connectAsync, type MqttClient } from 'mqtt';
import { parseRecordingLine } from '../../protocol/index.ts';
import { readRecordingLines } from '../../recording/index.ts';
import {
  type Clock,
  FAULT_PRESETS,
  liveStartMs,
  publishSimulation,
  replayRecording,
  type SimulationInput,
  simulateNight,
  writeSimulation,
} from '../../simulator/index.ts';
import { startAedes } from '../harness/aedes.ts';
import { payloadBytes } from './helpers.ts';

let broker: Awaited<ReturnType<typeof startAedes>>;
let dir: string;
let recording: string;
const input: SimulationInput = {
  seed: 31,
  minutes: 2,
  bands: 2,
  encoding: 'mixed',
  faults: { ...FAULT_PRESETS.heavy, outageAtS: 20, outageDurationS: 40 },
};

before(async () => {
  broker = await startAedes();
  dir = await mkdtemp(join(tmpdir(), 'crampwatch-sim-live-'));
  recording = join(dir, 'night.jsonl');
  await writeSimulation(input, recording);
});
after(async () => {
  await broker.stop();
  await rm(dir, { recursive: true, force: true });
});

interface Received {
  readonly topic: string;
  readonly bytes: Buffer;
}

/** A subscriber to everything under the prefix, collecting live messages (not stored retained ones) in arrival order. */
async function subscribe(): Promise<{
  got: Received[];
  until(n: number): Promise<void>;
  client: MqttClient;
}> {
  const client = await connectAsync(broker.url, { clientId: `t-${Math.random().toString(36).slice(2, 10)}` });
  const got: Received[] = [];
  const waiters: (() => void)[] = [];
  client.on('message', (topic, payload, packet) => {
    if (packet.retain) return; // left on the broker by an earlier test
    got.push({ topic, bytes: payload });
    for (const w of waiters.splice(0)) w();
  });
  await client.subscribeAsync('crampwatch/v1/#', { qos: 1 });
  return {
    got,
    client,
    async until(n) {
      const deadline = Date.now() + 20_000;
      while (got.length < n) {
        if (Date.now() > deadline) throw new Error(`received ${got.length} of ${n}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

async function recordedLines(): Promise<Received[]> {
  const lines: Received[] = [];
  for await (const { text } of readRecordingLines(recording)) {
    const p = parseRecordingLine(text);
    assert.ok(p.ok);
    lines.push({ topic: p.value.topic, bytes: Buffer.from(p.value.bytes) });
  }
  return lines;
}

/** A clock that never really waits: sleeping moves its time on. */
function virtualClock(): Clock & { slept: number } {
  let now = 1_000_000;
  const clock = {
    slept: 0,
    nowMs: () => now,
    async sleep(ms: number) {
      now += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

test('replay at max speed delivers exactly the recorded payloads, in order, byte for byte', async () => {
  const lines = await recordedLines();
  const sub = await subscribe();
  try {
    const result = await replayRecording({
      path: recording,
      url: broker.url,
      speed: Number.POSITIVE_INFINITY,
    });
    assert.equal(result.published, lines.length);
    await sub.until(lines.length);
    assert.equal(sub.got.length, lines.length);
    sub.got.forEach((m, i) => {
      assert.equal(m.topic, lines[i]!.topic, `line ${i + 1}`);
      assert.ok(m.bytes.equals(lines[i]!.bytes), `line ${i + 1} bytes`);
    });
  } finally {
    await sub.client.endAsync();
  }
});

test('paced replay follows frame time at the given speed; late uploads do not wait', async () => {
  const clock = virtualClock();
  const result = await replayRecording({ path: recording, url: broker.url, speed: 20, clock });
  assert.equal(result.published, (await recordedLines()).length);
  // About two minutes of frames at 20x: 6 s, less the first frame; the 40 s backlog adds nothing.
  assert.ok(Math.abs(clock.slept - (120_000 - 200) / 20) < 300, `slept ${clock.slept} ms`);
});

test('publishSimulation publishes each band as simulateNight generates it, statuses retained', async () => {
  const startMs = Date.UTC(2026, 0, 20, 22);
  const night: SimulationInput = { seed: 32, minutes: 1, bands: 2, startMs, faults: 'none' };
  const expected = [...simulateNight(night)];
  const sub = await subscribe();
  try {
    const result = await publishSimulation({ ...night, url: broker.url, speed: Number.POSITIVE_INFINITY });
    assert.equal(result.aborted, false);
    assert.equal(result.messages, expected.length);
    assert.equal(result.truth?.bands.length, 2);
    await sub.until(expected.length);
    for (const device of ['band-1', 'band-2']) {
      const want = expected
        .filter((m) => m.device === device)
        .map((m) => Buffer.from(payloadBytes(m)).toString('base64'));
      const got = sub.got
        .filter((m) => m.topic.includes(`/${device}/`))
        .map((m) => m.bytes.toString('base64'));
      assert.deepEqual(got, want);
    }
  } finally {
    await sub.client.endAsync();
  }
  // The broker keeps each band's last status: offline, at the end of the night.
  const late = await connectAsync(broker.url, { clientId: 't-retained' });
  const retained: Received[] = [];
  late.on('message', (topic, bytes) => retained.push({ topic, bytes }));
  await late.subscribeAsync('crampwatch/v1/+/status', { qos: 1 });
  await new Promise((r) => setTimeout(r, 200));
  await late.endAsync();
  assert.deepEqual(retained.map((m) => JSON.parse(m.bytes.toString())).sort(), [
    { v: 1, online: false },
    { v: 1, online: false },
  ]);
});

test('an aborted live night stops early, and the band says it is offline', async () => {
  const sub = await subscribe();
  const controller = new AbortController();
  try {
    const running = publishSimulation({
      seed: 33,
      minutes: 30,
      url: broker.url,
      speed: 1,
      signal: controller.signal,
      faults: 'none',
    });
    await sub.until(2);
    controller.abort();
    const result = await running;
    assert.equal(result.aborted, true);
    assert.equal(result.truth, undefined);
    await sub.until(result.messages + 1);
    const last = sub.got.at(-1)!;
    assert.equal(last.topic, 'crampwatch/v1/band-1/status');
    assert.deepEqual(JSON.parse(last.bytes.toString()), { v: 1, online: false });
    // Real time: only the first frames were due before the abort.
    assert.ok(result.messages < 20, `${result.messages} messages`);
  } finally {
    await sub.client.endAsync();
  }
});

test('a live night starts in the past by what the speed gains, so frames never come from the future', () => {
  const now = Date.UTC(2026, 0, 1);
  const eightHours = 8 * 3_600_000;
  assert.equal(liveStartMs(now, eightHours, 1), now);
  assert.equal(liveStartMs(now, eightHours, 60), now - (eightHours * 59) / 60);
  assert.equal(liveStartMs(now, eightHours, Number.POSITIVE_INFINITY), now - eightHours);
});
