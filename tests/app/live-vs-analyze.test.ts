import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { analyzeRecording } from '../../app/analyze-recording.ts';
import { loadConfig } from '../../app/config.ts';
import { startService } from '../../app/service.ts';
import type { DetectorOutput } from '../../detector/index.ts';
import { replayRecording, writeSimulation } from '../../simulator/index.ts';

const key = (o: DetectorOutput) => `${o.phase} ${o.event.id} end=${o.event.end} late=${o.event.late}`;

test('the live service and analyze give the same events for the same frames, alerts reach the event topic, and the store holds each event once', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-live-'));
  const config = loadConfig(
    {},
    {
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_HTTP_PORT: '0',
      CRAMPWATCH_HTTP_HOST: '127.0.0.1',
      CRAMPWATCH_DATA_DIR: join(dir, 'data'),
    },
  );
  const live: DetectorOutput[] = [];
  const service = await startService({
    config,
    log: pino({ level: 'silent' }),
    alertListeners: [(o) => live.push(o)],
    onFatal: (err) => assert.fail(String(err)),
  });
  const watcher = await mqtt.connectAsync(service.mqttUrl, { protocolVersion: 4 });
  const onTopic: string[] = [];
  watcher.on('message', (_topic, payload) => onTopic.push(payload.toString()));
  await watcher.subscribeAsync('crampwatch/v1/+/event', { qos: 1 });
  try {
    const path = join(dir, 'night.jsonl');
    await writeSimulation({ seed: 21, minutes: 6, bands: 2, profile: 'demo', faults: 'heavy' }, path);
    const offline: DetectorOutput[] = [];
    await analyzeRecording(path, 'crampwatch/v1', { onProblem: () => {}, onOutput: (o) => offline.push(o) });

    await replayRecording({ path, url: service.mqttUrl, speed: Number.POSITIVE_INFINITY });
    // The replay has published everything; wait until the service has handled it all.
    const deadline = Date.now() + 20_000;
    let seen = -1;
    while (seen !== live.length && Date.now() < deadline) {
      seen = live.length;
      await new Promise((r) => setTimeout(r, 1000));
    }

    // analyze also closes what is still open at the end of the file; the live service cannot know the end.
    const liveKeys = live.map(key);
    const offlineKeys = offline.slice(0, live.length).map(key);
    assert.ok(
      offline.some((o) => o.event.kind === 'cramp' && o.phase === 'start'),
      'the demo profile has a cramp',
    );
    assert.deepEqual(liveKeys, offlineKeys);
    const pushed = onTopic.map(
      (p) => JSON.parse(p) as { phase: string; event: { id: string; late: boolean } },
    );
    const liveCramp = live.find((o) => o.event.kind === 'cramp' && o.phase === 'start' && !o.event.late)!;
    assert.ok(
      pushed.some((p) => p.phase === 'start' && p.event.id === liveCramp.event.id),
      'cramp alert on the event topic',
    );
    assert.ok(
      pushed.every((p) => p.event.late === false),
      'late events are never pushed as live alerts',
    );

    // The embedded store holds every event once, as its last phase left it.
    await service.writer.flush();
    const lastPhase = new Map(live.map((o) => [o.event.id, o.event]));
    const devices = [...new Set(live.map((o) => o.event.device))];
    const stored = (
      await Promise.all(devices.map((d) => service.store.events(d, 0, Number.MAX_SAFE_INTEGER)))
    ).flat();
    assert.equal(stored.length, lastPhase.size, 'one stored event per id');
    for (const e of stored) assert.deepEqual(e, lastPhase.get(e.id));
    const timeline = await service.store.timeline(devices[0]!, 0, Number.MAX_SAFE_INTEGER, 100);
    assert.ok(timeline.length > 0, 'the per-second summaries reached the store');
  } finally {
    await watcher.endAsync();
    await service.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
