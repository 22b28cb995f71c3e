import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { loadConfig } from '../../app/config.ts';
import { startService } from '../../app/service.ts';
import type { IngestItem } from '../../ingest/index.ts';
import { encodeBinaryFrame } from '../../protocol/index.ts';
import { contiguousFrames, T0 } from '../helpers/frames.ts';

test('the service with its embedded broker ingests frames and reports them on /health and /metrics', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'crampwatch-svc-'));
  const config = loadConfig(
    {},
    {
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_HTTP_PORT: '0',
      CRAMPWATCH_HTTP_HOST: '127.0.0.1',
      CRAMPWATCH_DATA_DIR: dataDir,
    },
  );
  const seen: IngestItem[] = [];
  const service = await startService({
    config,
    log: pino({ level: 'silent' }),
    observers: [(items) => seen.push(...items)],
    onFatal: (err) => assert.fail(String(err)),
  });
  try {
    const band = await mqtt.connectAsync(service.mqttUrl, { clientId: 'band-svc', protocolVersion: 4 });
    const frames = contiguousFrames(10, { boot: 5, startSeq: 0, startT0: T0 });
    for (const f of frames.filter((f) => f.seq !== 4)) {
      await band.publishAsync('crampwatch/v1/band-svc/frame', Buffer.from(encodeBinaryFrame(f)), { qos: 1 });
    }
    await band.publishAsync('crampwatch/v1/band-svc/frame', Buffer.from('{"v":1,"boot":-1}'), { qos: 1 });
    await band.endAsync();
    const deadline = Date.now() + 5000;
    while (seen.filter((i) => i.kind === 'frame').length < 9 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }

    const health = await fetch(`${service.httpUrl}/health`);
    assert.equal(health.status, 200);
    assert.deepEqual((await health.json()).mqtt.connected, true);
    const metrics = await (await fetch(`${service.httpUrl}/metrics`)).text();
    assert.match(metrics, /crampwatch_frames_accepted_total\{device="band-svc"\} 9/);
    assert.match(metrics, /crampwatch_frame_gaps_total\{device="band-svc"\} 1/);
    assert.match(metrics, /crampwatch_frames_rejected_total\{device="band-svc",reason="boot-invalid"\} 1/);
    const quarantine = await (await fetch(`${service.httpUrl}/api/v1/quarantine`)).json();
    assert.equal(quarantine.messages[0].reason.code, 'boot-invalid');
    assert.equal(quarantine.messages[0].payload, '{"v":1,"boot":-1}');
  } finally {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('serve refuses a bad configuration with every problem named, and exit status 2', async () => {
  const child = spawn(process.execPath, ['bin/crampwatch.js', 'serve'], {
    env: { ...process.env, CRAMPWATCH_HTTP_PORT: 'eighty', CRAMPWATCH_MQTT_URL: 'http://broker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [code] = await once(child, 'exit');
  assert.equal(code, 2);
  assert.match(stderr, /CRAMPWATCH_HTTP_PORT must be a whole number from 0 to 65535, got "eighty"/);
  assert.match(stderr, /CRAMPWATCH_MQTT_URL must start with mqtt:\/\//);
});
