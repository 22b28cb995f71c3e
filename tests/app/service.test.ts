import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { loadConfig } from '../../app/config.ts';
import { startService } from '../../app/service.ts';
import type { DetectorOutput } from '../../detector/index.ts';
import type { IngestItem } from '../../ingest/index.ts';
import { encodeBinaryFrame } from '../../protocol/index.ts';
import { replayRecording, writeSimulation } from '../../simulator/index.ts';
import { LiveTestClient, type Received } from '../api/live-test-client.ts';
import { contiguousFrames, T0 } from '../helpers/frames.ts';

test('the service with its embedded broker ingests frames and reports them on /health, /metrics (admin token) and the quarantine', async () => {
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
    const admin = { headers: { authorization: `Bearer ${service.adminToken}` } };
    assert.equal((await fetch(`${service.httpUrl}/metrics`)).status, 401);
    const metrics = await (await fetch(`${service.httpUrl}/metrics`, admin)).text();
    assert.match(metrics, /crampwatch_frames_accepted_total\{device="band-svc"\} 9/);
    assert.match(metrics, /crampwatch_frame_gaps_total\{device="band-svc"\} 1/);
    assert.match(metrics, /crampwatch_frames_rejected_total\{device="band-svc",reason="boot-invalid"\} 1/);
    const quarantine = await (await fetch(`${service.httpUrl}/api/v1/quarantine`, admin)).json();
    assert.equal(quarantine.messages[0].reason.code, 'boot-invalid');
    assert.equal(quarantine.messages[0].payload, '{"v":1,"boot":-1}');

    // The admin token was made on this first start, readable by the service's user only.
    const tokenFile = join(dataDir, 'admin-token');
    assert.equal((await readFile(tokenFile, 'utf8')).trim(), service.adminToken);
    assert.equal((await stat(tokenFile)).mode & 0o777, 0o600);
    assert.equal(service.dashboardUrl, `${service.httpUrl}/?token=${service.adminToken}`);
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

test('the live WebSocket carries what the pipeline makes: status, the live alerts in order, 1 Hz summaries', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-svc-live-'));
  const config = loadConfig(
    {},
    {
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_HTTP_PORT: '0',
      CRAMPWATCH_HTTP_HOST: '127.0.0.1',
      CRAMPWATCH_DATA_DIR: join(dir, 'data'),
      CRAMPWATCH_ADMIN_TOKEN: 'cw_service-test-admin-token',
    },
  );
  const outputs: DetectorOutput[] = [];
  const service = await startService({
    config,
    log: pino({ level: 'silent' }),
    alertListeners: [(o) => outputs.push(o)],
    onFatal: (err) => assert.fail(String(err)),
  });
  assert.equal(service.adminToken, 'cw_service-test-admin-token');
  const client = await LiveTestClient.open(
    `${service.httpUrl.replace('http', 'ws')}/api/v1/live?token=${service.adminToken}`,
  );
  try {
    const path = join(dir, 'night.jsonl');
    await writeSimulation({ seed: 21, minutes: 6, bands: 1, profile: 'demo', faults: 'none' }, path);
    await replayRecording({ path, url: service.mqttUrl, speed: Number.POSITIVE_INFINITY });
    await client.waitFor((m) => m.type === 'summary', 10_000);
    const status = await client.waitFor((m) => m.type === 'status');
    assert.equal(typeof status['online'], 'boolean');
    const crampStart = (m: Received) =>
      m.type === 'alert' && m['phase'] === 'start' && (m['event'] as { kind: string }).kind === 'cramp';
    await client.waitFor(crampStart, 20_000);

    const liveOutputs = outputs.filter((o) => !o.event.late);
    const alerts = client.ofType('alert');
    assert.deepEqual(
      alerts.map((m) => `${m['phase']} ${(m['event'] as { id: string }).id}`),
      liveOutputs.slice(0, alerts.length).map((o) => `${o.phase} ${o.event.id}`),
    );
    assert.deepEqual(
      alerts.map((m) => m['seq']),
      alerts.map((_, i) => i + 1),
    );

    const device = (alerts[0]!['event'] as { device: string }).device;
    await service.writer.flush();
    const view = await (
      await fetch(`${service.httpUrl}/api/v1/devices/${device}`, {
        headers: { authorization: `Bearer ${service.adminToken}` },
      })
    ).json();
    assert.equal(view.id, device);
    assert.ok(view.live !== null && typeof view.live.at === 'number', JSON.stringify(view));

    const metrics = await (
      await fetch(`${service.httpUrl}/metrics`, {
        headers: { authorization: `Bearer ${service.adminToken}` },
      })
    ).text();
    const cramps = outputs.filter(
      (o) => o.phase === 'start' && o.event.kind === 'cramp' && !o.event.late,
    ).length;
    assert.match(metrics, new RegExp(`crampwatch_events_total\\{kind="cramp",late="false"\\} ${cramps}\\n`));
    // The simulated night lies in the past: the lag is the age of its last frame, far above 0.
    const lag = Number(/^crampwatch_processing_lag_seconds (\S+)$/m.exec(metrics)?.[1]);
    assert.ok(lag > 0, `processing lag ${lag} s`);
  } finally {
    await client.close();
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
