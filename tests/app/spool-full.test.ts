import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import mqtt from 'mqtt';
import { pino } from 'pino';
import { loadConfig } from '../../app/config.ts';
import { startService } from '../../app/service.ts';
import { encodeStatus } from '../../protocol/index.ts';
import { startInfluxdb } from '../harness/influxdb.ts';
import { requiredBinary } from '../harness/required-binary.ts';

const influxd = requiredBinary('influxd', 'influxdb');

async function until(what: string, timeoutMs: number, ok: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('a spool filled past its reserve while InfluxDB is down holds messages unacknowledged, loses none, and drains once it is back', {
  skip: 'skip' in influxd ? influxd.skip : false,
  timeout: 180_000,
}, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-spool-full-'));
  const influx = await startInfluxdb();
  await influx.stop(); // down from the start
  const config = loadConfig(
    {},
    {
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_HTTP_PORT: '0',
      CRAMPWATCH_HTTP_HOST: '127.0.0.1',
      CRAMPWATCH_DATA_DIR: join(dir, 'data'),
      CRAMPWATCH_INFLUX_URL: influx.url,
      CRAMPWATCH_SPOOL_MAX_MB: '1',
    },
  );
  let statuses = 0;
  const service = await startService({
    config,
    log: pino({ level: 'silent' }),
    observers: [(items) => (statuses += items.filter((i) => i.kind === 'status').length)],
    onFatal: (err) => assert.fail(`the service gave up: ${String(err)}`),
  });
  const band = await mqtt.connectAsync(service.mqttUrl, { clientId: 'band-full', protocolVersion: 4 });
  try {
    // Status records are never dropped to make room (unlike per-second summaries): about 9,000
    // of them are more than 1 MB and its 5% reserve.
    const total = 9000;
    for (let i = 1; i <= total; i++) {
      const status = encodeStatus({ v: 1, online: true, battery: i / total, fw: `1.0.${i}` });
      await band.publishAsync('crampwatch/v1/band-full/status', status, { qos: 1 });
    }
    await until('the spool to fill', 60_000, () => service.writer.stats().fraction >= 1);
    const held = statuses;
    await new Promise((r) => setTimeout(r, 2000));
    assert.equal(statuses, held, 'no message is taken while the spool is full');
    assert.ok(held < total, `${held} of ${total} taken before the spool filled`);
    assert.equal(service.writer.stats().warning, true, 'the spool warns');

    await influx.restart();
    await until('every status taken and stored', 120_000, () => {
      const s = service.writer.stats();
      return statuses === total && s.pendingRecords === 0;
    });
    const device = await service.store.device('band-full');
    assert.equal(device?.battery, 1, 'the last status is stored');
    assert.equal(device?.fw, `1.0.${total}`);
  } finally {
    await band.endAsync();
    await service.stop();
    await influx.dispose();
    await rm(dir, { recursive: true, force: true });
  }
});
