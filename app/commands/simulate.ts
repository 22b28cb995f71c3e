import cliProgress from 'cli-progress';
import { DEFAULT_TOPIC_PREFIX } from '../../protocol/index.ts';
import {
  FAULT_PRESETS,
  FOOT_CLIPS,
  FRAME_ENCODINGS,
  PROFILES,
  publishSimulation,
  SIMULATION_DEFAULTS,
  type SimulationInput,
  SimulationOptionError,
  type SimulationTruth,
  writeSimulation,
} from '../../simulator/index.ts';
import { type CliCommand, UsageError } from './command.ts';
import { parseFlags } from './parse-flags.ts';

const d = SIMULATION_DEFAULTS;
const HELP = `usage: crampwatch simulate [options] --out FILE
       crampwatch simulate [options] --mqtt URL [--speed X]

Simulates nights of calf-band data (EMG, shank and foot accelerometers, statuses) with ground
truth, the same for the same options and seed. --out writes the recording (JSON Lines; .gz
compresses) and its truth as FILE.truth.json; --mqtt publishes the night live instead, one MQTT
client per band.

options:
  --seed N            random seed, a non-negative integer (default ${d.seed})
  --minutes M         length of the night (default ${d.minutes})
  --bands K           bands at once, band-1 .. band-K, 1-100 (default ${d.bands})
  --profile P         how often things happen (default ${d.profile}):
${Object.entries(PROFILES)
  .map(([name, p]) => `                        ${name.padEnd(11)} ${p.description}`)
  .join('\n')}
  --faults F          network faults: ${Object.keys(FAULT_PRESETS).join(', ')} (default ${d.faults})
  --encoding E        frame encoding: ${FRAME_ENCODINGS.join(', ')} (default ${d.encoding})
  --foot F            foot clip: ${FOOT_CLIPS.join(', ')} (default ${d.foot}: 70% of bands)
  --emg-hz HZ         EMG rate, 250-4000 (default ${d.emgHz})
  --accel-hz HZ       accelerometer rate, 10-200 (default ${d.accelHz})
  --frame-ms MS       frame length, 40-5000 (default ${d.frameMs})
  --start ISO         band clock at the start of the night, e.g. 2026-01-15T22:00:00Z
                      (default: an evening derived from the seed; live: so the night ends about
                      when publishing does, since the service refuses frames from the future)
  --first-cramp S     onset of the first cramp on every band, seconds into the night
  --prefix TOPIC      topic prefix (default ${DEFAULT_TOPIC_PREFIX})
  --out FILE          write the recording and FILE.truth.json
  --mqtt URL          publish live to this broker (mqtt://host:port) instead
  --speed X           with --mqtt: 1 is real time, 60 a minute a second, max as fast as the
                      broker takes it (default 1)
  -h, --help          this text`;

const FLAGS = {
  seed: { type: 'string' },
  minutes: { type: 'string' },
  bands: { type: 'string' },
  profile: { type: 'string' },
  faults: { type: 'string' },
  encoding: { type: 'string' },
  foot: { type: 'string' },
  'emg-hz': { type: 'string' },
  'accel-hz': { type: 'string' },
  'frame-ms': { type: 'string' },
  start: { type: 'string' },
  'first-cramp': { type: 'string' },
  prefix: { type: 'string' },
  out: { type: 'string' },
  mqtt: { type: 'string' },
  speed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Simulation option -> the flag that sets it, for error messages. */
const FLAG_OF: Record<string, string> = {
  seed: 'seed',
  minutes: 'minutes',
  bands: 'bands',
  profile: 'profile',
  faults: 'faults',
  encoding: 'encoding',
  foot: 'foot',
  emgHz: 'emg-hz',
  accelHz: 'accel-hz',
  frameMs: 'frame-ms',
  startMs: 'start',
  firstCrampAtS: 'first-cramp',
  topicPrefix: 'prefix',
};

export const simulateCommand: CliCommand = async (args) => {
  const { values, positionals } = parseFlags('simulate', args, FLAGS, true);
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`simulate: unexpected argument "${positionals[0]}"`);
  if ((values.out === undefined) === (values.mqtt === undefined)) {
    throw new UsageError('simulate: say where the night goes: --out FILE or --mqtt URL (one of them)');
  }
  if (values.speed !== undefined && values.mqtt === undefined)
    throw new UsageError('simulate: --speed goes with --mqtt');
  const input = simulationInput(values);
  try {
    if (values.out !== undefined) return await toFile(input, values.out);
    return await live(input, parseMqttUrl('simulate', values.mqtt!), parseSpeed('simulate', values.speed));
  } catch (err) {
    if (err instanceof SimulationOptionError) {
      const flag = FLAG_OF[err.option.split('.')[0]!] ?? err.option;
      const raw = (values as Record<string, unknown>)[flag];
      throw new UsageError(`simulate: --${flag} ${err.expectation}, got ${JSON.stringify(raw ?? err.got)}`);
    }
    throw err;
  }
};

type Values = ReturnType<typeof parseFlags<typeof FLAGS>>['values'];

function simulationInput(values: Values): SimulationInput {
  const num = (raw: string | undefined) =>
    raw === undefined ? undefined : raw.trim() === '' ? Number.NaN : Number(raw);
  let startMs: number | undefined;
  if (values.start !== undefined) {
    startMs = Date.parse(values.start);
    if (Number.isNaN(startMs))
      throw new UsageError(
        `simulate: --start must be an ISO date and time, got ${JSON.stringify(values.start)}`,
      );
  }
  const input: Record<string, unknown> = {
    seed: num(values.seed),
    minutes: num(values.minutes),
    bands: num(values.bands),
    profile: values.profile,
    faults: values.faults,
    encoding: values.encoding,
    foot: values.foot,
    emgHz: num(values['emg-hz']),
    accelHz: num(values['accel-hz']),
    frameMs: num(values['frame-ms']),
    startMs,
    firstCrampAtS: num(values['first-cramp']),
    topicPrefix: values.prefix,
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return input as SimulationInput;
}

async function toFile(input: SimulationInput, out: string): Promise<number> {
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format: 'simulating |{bar}| {percentage}% | eta {eta_formatted}',
          stream: process.stderr,
          clearOnComplete: true,
          hideCursor: true,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(100, 0);
  try {
    const written = await writeSimulation(input, out, {
      onProgress: (f) => bar?.update(Math.round(f * 100)),
    });
    bar?.stop();
    process.stdout.write(
      `wrote ${written.recordingPath} (${written.messages} messages) and ${written.truthPath}\n${summary(written.truth)}`,
    );
    return 0;
  } catch (err) {
    bar?.stop();
    if (err instanceof SimulationOptionError) throw err;
    process.stderr.write(
      `crampwatch simulate: cannot write ${out}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  }
}

async function live(input: SimulationInput, url: string, speed: number): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    process.stderr.write(
      `publishing to ${url} at ${Number.isFinite(speed) ? `${speed}x` : 'full'} speed (Ctrl-C stops)\n`,
    );
    const result = await publishSimulation({ ...input, url, speed, signal: controller.signal });
    process.stdout.write(
      `published ${result.messages} messages${result.aborted ? ' (stopped early)' : ''}\n`,
    );
    if (result.truth) process.stdout.write(summary(result.truth));
    return 0;
  } catch (err) {
    if (err instanceof SimulationOptionError) throw err;
    process.stderr.write(
      `crampwatch simulate: ${url}: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}

/** One line per band: what happened, for a quick look without opening the truth. */
function summary(truth: SimulationTruth): string {
  return truth.bands
    .map((b) => {
      const count = (kind: string) => b.events.filter((e) => e.kind === kind).length;
      const { framesLost, duplicates, framesLate } = b.network;
      return `${b.device}: ${count('cramp')} cramps, ${count('spasm')} spasms, ${count('plm_series')} PLM series, ${count('turn')} turns, ${count('lead_off')} lead-offs; frames lost ${framesLost}, duplicated ${duplicates}, late ${framesLate}\n`;
    })
    .join('');
}

/** `--speed`: a positive number, or `max` (as fast as the broker takes it). */
export function parseSpeed(command: string, raw: string | undefined): number {
  if (raw === undefined) return 1;
  if (raw === 'max') return Number.POSITIVE_INFINITY;
  const speed = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!(speed > 0) || !Number.isFinite(speed)) {
    throw new UsageError(
      `${command}: --speed must be a positive number or "max", got ${JSON.stringify(raw)}`,
    );
  }
  return speed;
}

/** `--mqtt`: an mqtt://, mqtts://, ws:// or wss:// URL. */
export function parseMqttUrl(command: string, raw: string): string {
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = undefined;
  }
  if (!protocol || !['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:'].includes(protocol)) {
    throw new UsageError(
      `${command}: --mqtt must be a broker URL like mqtt://127.0.0.1:1883, got ${JSON.stringify(raw)}`,
    );
  }
  return raw;
}
