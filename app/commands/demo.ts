import { publishSimulation } from '../../simulator/index.ts';
import { type Config, ConfigError, loadConfig } from '../config.ts';
import { createDemoPrinter } from '../demo-printer.ts';
import { createLogger } from '../logger.ts';
import { type RunningService, startService } from '../service.ts';
import { type CliCommand, UsageError } from './command.ts';
import { parseFlags } from './parse-flags.ts';
import { waitForSignal } from './serve.ts';

const HELP = `usage: crampwatch demo [--speed X] [--minutes M] [--seed N] [--bands K] [--profile P]

Starts the embedded MQTT broker, the service and simulated bands publishing a night at an
accelerated pace (the first cramp comes about 40 s into the night), and prints what arrives.
Ctrl-C stops it. The ports are CRAMPWATCH_MQTT_PORT and CRAMPWATCH_HTTP_PORT (free ones if busy).

options:
  --speed X      how much faster than real time (default 20)
  --minutes M    length of the simulated night (default 480)
  --seed N       the simulation's seed (default 1)
  --bands K      how many bands (default 1)
  --profile P    none, occasional, typical, severe or restless (default severe)`;

export const demoCommand: CliCommand = async (args) => {
  const { values } = parseFlags('demo', args, {
    speed: { type: 'string', default: '20' },
    minutes: { type: 'string', default: '480' },
    seed: { type: 'string', default: '1' },
    bands: { type: 'string', default: '1' },
    profile: { type: 'string', default: 'severe' },
    help: { type: 'boolean' },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const speed = positive('speed', values.speed);
  const minutes = positive('minutes', values.minutes);
  const seed = positive('seed', values.seed, true);
  const bands = positive('bands', values.bands);
  let config: Config;
  try {
    config = loadConfig({ ...process.env, CRAMPWATCH_MQTT_URL: '' });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`crampwatch demo: ${err.message}\n`);
    return 2;
  }
  const log = createLogger(process.env.CRAMPWATCH_LOG_LEVEL || 'warn');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  const printer = createDemoPrinter(say);
  const service = await startWithFreePortFallback(config, (c) =>
    startService({
      config: c,
      log,
      observers: [printer.observe],
      alertListeners: [printer.alert],
      onFatal: () => process.exit(1),
    }),
  );
  say(
    `CrampWatch demo: broker ${service.mqttUrl}, health ${service.httpUrl}/health, API docs ${service.httpUrl}/docs`,
  );
  say(`dashboard: ${service.dashboardUrl}`);
  say(`publishing ${bands} simulated band(s), ${minutes} min night at ${speed}x real time; Ctrl-C stops\n`);
  const ticker = setInterval(printer.flush, 1000);
  const abort = new AbortController();
  const published = publishSimulation({
    url: service.mqttUrl,
    seed,
    minutes,
    bands,
    profile: values.profile as never,
    speed,
    firstCrampAtS: 40,
    signal: abort.signal,
  });
  const outcome = await Promise.race([published.then(() => 'done' as const), waitForSignal()]);
  abort.abort();
  await published.catch((err: unknown) =>
    say(`simulation stopped: ${err instanceof Error ? err.message : err}`),
  );
  await new Promise((r) => setTimeout(r, 500));
  clearInterval(ticker);
  printer.flush();
  say(outcome === 'done' ? 'the simulated night is over' : 'stopping');
  await service.stop();
  return 0;
};

function positive(name: string, raw: string, allowZero = false): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || (!allowZero && n === 0)) {
    throw new UsageError(
      `demo: --${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, got "${raw}"`,
    );
  }
  return n;
}

/** The demo should just run: where a configured port is taken, it takes a free one instead. */
async function startWithFreePortFallback(
  config: Config,
  start: (config: Config) => Promise<RunningService>,
): Promise<RunningService> {
  try {
    return await start(config);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    return start({ ...config, mqtt: { ...config.mqtt, port: 0 }, http: { ...config.http, port: 0 } });
  }
}
