import { ConfigError, type ConfigInput, loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startService } from '../service.ts';
import type { CliCommand } from './command.ts';
import { parseFlags } from './parse-flags.ts';

const HELP = `usage: crampwatch serve [options]

Runs the service: MQTT ingest and the HTTP server (the dashboard at /, the API at /api/v1,
its documentation at /docs, GET /health, GET /metrics), and prints the dashboard link with the
admin token. With no broker URL it starts an embedded MQTT broker and ingests from it.

options (each overrides its environment variable):
  --mqtt-url URL        CRAMPWATCH_MQTT_URL
  --mqtt-port PORT      CRAMPWATCH_MQTT_PORT (embedded broker)
  --http-port PORT      CRAMPWATCH_HTTP_PORT
  --topic-prefix P      CRAMPWATCH_TOPIC_PREFIX
  --data-dir DIR        CRAMPWATCH_DATA_DIR
  --log-level LEVEL     CRAMPWATCH_LOG_LEVEL`;

export const SERVICE_FLAGS = {
  'mqtt-url': { type: 'string' },
  'mqtt-port': { type: 'string' },
  'http-port': { type: 'string' },
  'topic-prefix': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
} as const;

/** The service flags as configuration overrides. */
export function flagsToConfig(values: Partial<Record<keyof typeof SERVICE_FLAGS, string>>): ConfigInput {
  return {
    CRAMPWATCH_MQTT_URL: values['mqtt-url'],
    CRAMPWATCH_MQTT_PORT: values['mqtt-port'],
    CRAMPWATCH_HTTP_PORT: values['http-port'],
    CRAMPWATCH_TOPIC_PREFIX: values['topic-prefix'],
    CRAMPWATCH_DATA_DIR: values['data-dir'],
    CRAMPWATCH_LOG_LEVEL: values['log-level'],
  };
}

export const serveCommand: CliCommand = async (args) => {
  const { values } = parseFlags('serve', args, { ...SERVICE_FLAGS, help: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, flagsToConfig(values));
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`crampwatch serve: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const service = await startService({
    config,
    log,
    onFatal: () => {
      process.exitCode = 1;
      setImmediate(() => process.exit(1));
    },
  });
  log.info({ mqtt: service.mqttUrl, http: service.httpUrl }, 'CrampWatch is running');
  // On the terminal, not in the log: the link holds the admin token, and logs travel further.
  process.stdout.write(`CrampWatch dashboard: ${service.dashboardUrl}\n`);
  await waitForSignal();
  log.info('stopping');
  await service.stop();
  return 0;
};

/** Resolves on the first SIGINT or SIGTERM. */
export function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
