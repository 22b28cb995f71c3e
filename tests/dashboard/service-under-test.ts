import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../app/config.ts';
import { type RunningService, startService } from '../../app/service.ts';

/** The admin token the browser tests give the service (CRAMPWATCH_ADMIN_TOKEN). */
export const TEST_ADMIN_TOKEN = 'cw_test-dashboard-admin-token';

/**
 * The real service in this process: embedded Aedes broker and SQLite store in a temporary data
 * directory, HTTP on a free loopback port, nights in UTC. `dispose` stops it and removes the directory.
 */
export async function serviceUnderTest(): Promise<RunningService & { dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'crampwatch-dashboard-'));
  const config = loadConfig(
    {},
    {
      CRAMPWATCH_MQTT_PORT: '0',
      CRAMPWATCH_MQTT_HOST: '127.0.0.1',
      CRAMPWATCH_HTTP_PORT: '0',
      CRAMPWATCH_HTTP_HOST: '127.0.0.1',
      CRAMPWATCH_DATA_DIR: join(dir, 'data'),
      CRAMPWATCH_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      CRAMPWATCH_TZ: 'UTC',
    },
  );
  const service = await startService({
    config,
    log: pino({ level: 'silent' }),
    onFatal: (err) => assert.fail(String(err)),
  });
  return Object.assign(service, {
    async dispose() {
      await service.stop();
      await rm(dir, { recursive: true, force: true });
    },
  });
}
