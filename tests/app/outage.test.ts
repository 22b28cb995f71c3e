import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { analyzeRecording } from '../../app/analyze-recording.ts';
import { createDetector } from '../../detector/index.ts';
import { parseRecordingLine, type RecordedMessage } from '../../protocol/index.ts';
import { readRecordingLines } from '../../recording/index.ts';
import { writeSimulation } from '../../simulator/index.ts';
import { createInfluxStore } from '../../storage/index.ts';
import { freePort } from '../harness/free-port.ts';
import { startInfluxdb } from '../harness/influxdb.ts';
import { startMosquitto } from '../harness/mosquitto.ts';
import { requiredBinary } from '../harness/required-binary.ts';

const mosquittoBinary = requiredBinary('mosquitto', 'mosquitto');
const influxdBinary = requiredBinary('influxd', 'influxdb');
const skip =
  'skip' in mosquittoBinary ? mosquittoBinary.skip : 'skip' in influxdBinary ? influxdBinary.skip : false;

/** The service as its users run it: `crampwatch serve`, a process of its own. */
function startServe(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['bin/crampwatch.js', 'serve'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  });
  child.stderr?.on('data', (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
  });
  return { child, output: () => output };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function health(url: string): Promise<{ store: { spool: { records: number } } } | undefined> {
  const res = await fetch(`${url}/health`);
  return res.status === 200 ? ((await res.json()) as { store: { spool: { records: number } } }) : undefined;
}

test('InfluxDB down mid-night, the service killed -9 and back before InfluxDB: every event analyze finds is in InfluxDB exactly once, the spool empty', {
  skip,
  timeout: 240_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-outage-'));
  const broker = await startMosquitto();
  const influx = await startInfluxdb();
  const httpPort = await freePort();
  const env = {
    CRAMPWATCH_MQTT_URL: broker.url,
    CRAMPWATCH_INFLUX_URL: influx.url,
    CRAMPWATCH_INFLUX_DB: 'outage',
    CRAMPWATCH_DATA_DIR: join(dir, 'data'),
    CRAMPWATCH_HTTP_PORT: String(httpPort),
    CRAMPWATCH_HTTP_HOST: '127.0.0.1',
    CRAMPWATCH_LOG_LEVEL: 'warn',
  };
  const httpUrl = `http://127.0.0.1:${httpPort}`;
  let serve = startServe(env);
  const band = await mqtt.connectAsync(broker.url, { clientId: 'outage-band', protocolVersion: 4 });
  try {
    // A night with cramps from the start, two bands, lost frames and duplicates.
    const path = join(dir, 'night.jsonl');
    await writeSimulation({ seed: 77, minutes: 12, bands: 2, profile: 'demo', faults: 'light' }, path);
    const messages: RecordedMessage[] = [];
    for await (const { text } of readRecordingLines(path)) {
      const line = parseRecordingLine(text);
      if (line.ok) messages.push(line.value);
    }

    // What analyze finds, minus what only the end of the file closes (live cannot know it ends).
    const detector = createDetector();
    const expected = new Map<string, string>();
    await analyzeRecording(path, 'crampwatch/v1', {
      onProblem: () => {},
      onItems: (items) => {
        for (const item of items)
          for (const o of detector.push(item.device, item)) expected.set(o.event.id, o.event.kind);
      },
    });
    assert.ok([...expected.values()].includes('cramp'), 'the night has cramps');

    const publish = async (from: number, to: number) => {
      for (const m of messages.slice(from, to))
        await band.publishAsync(m.topic, Buffer.from(m.bytes), { qos: 1 });
    };
    const third = Math.floor(messages.length / 3);
    await until('the service to listen', 30_000, () => health(httpUrl));
    await publish(0, third);
    await new Promise((r) => setTimeout(r, 1500));

    await influx.stop(); // mid-night: the service spools
    await publish(third, 2 * third);
    const spooling = await until('records to wait in the spool', 30_000, async () => {
      const h = (await (await fetch(`${httpUrl}/health`)).json()) as {
        store: { spool: { records: number } };
      };
      return h.store.spool.records > 0 ? h : undefined;
    });
    assert.ok(spooling.store.spool.records > 0);

    serve.child.kill('SIGKILL'); // and the service dies with records not yet in InfluxDB
    await once(serve.child, 'exit');
    await publish(2 * third, messages.length); // the broker keeps them for the service's session

    // The service comes back first, with InfluxDB still down: it must start and take messages.
    serve = startServe(env);
    await until('the service to start while InfluxDB is down', 30_000, () => health(httpUrl));
    await influx.restart();
    const store = await createInfluxStore({ url: influx.url, db: 'outage' });
    try {
      const devices = [...new Set(messages.map((m) => m.topic.split('/')[2]!))];
      const stored = await until('every event in InfluxDB with the spool empty', 120_000, async () => {
        const h = await health(httpUrl);
        if (h?.store.spool.records !== 0) return undefined;
        const events = (
          await Promise.all(devices.map((d) => store.events(d, 0, Number.MAX_SAFE_INTEGER)))
        ).flat();
        return [...expected.keys()].every((id) => events.some((e) => e.id === id)) ? events : undefined;
      }).catch((err: Error) => {
        throw new Error(`${err.message}\nservice output:\n${serve.output()}`);
      });
      const ids = stored.map((e) => e.id).sort();
      assert.deepEqual(ids, [...expected.keys()].sort(), 'exactly the events analyze finds, each once');
    } finally {
      await store.close();
    }
  } finally {
    await band.endAsync();
    serve.child.kill('SIGKILL');
    await broker.dispose();
    await influx.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
