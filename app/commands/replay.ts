import { replayRecording } from '../../simulator/index.ts';
import { type CliCommand, UsageError } from './command.ts';
import { parseFlags } from './parse-flags.ts';
import { parseMqttUrl, parseSpeed } from './simulate.ts';

const HELP = `usage: crampwatch replay FILE --mqtt URL [--speed X | --speed max]

Publishes a recording (JSON Lines, optionally gzip-compressed) to a broker as it was captured:
every line in order, payload bytes as recorded, QoS 1, statuses retained. Pacing follows frame
time: a frame that is newer than any before it waits until its end is due; late uploads and
statuses go at once; silences over a minute are cut to a minute. Lines that are not recording
lines are skipped and reported on standard error as "line N: reason".

options:
  --mqtt URL          the broker, e.g. mqtt://127.0.0.1:1883
  --speed X           1 is real time (default), 60 a minute a second; max: as fast as the
                      broker takes it (QoS 1, at most 64 messages awaiting acknowledgement)
  -h, --help          this text`;

export const replayCommand: CliCommand = async (args) => {
  const { values, positionals } = parseFlags(
    'replay',
    args,
    { mqtt: { type: 'string' }, speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    true,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [path, ...extra] = positionals;
  if (path === undefined)
    throw new UsageError('replay: which recording? usage: crampwatch replay FILE --mqtt URL');
  if (extra.length > 0) throw new UsageError(`replay: one recording at a time, got ${positionals.length}`);
  if (values.mqtt === undefined)
    throw new UsageError('replay: --mqtt URL is required (the broker to publish to)');
  const url = parseMqttUrl('replay', values.mqtt);
  const speed = parseSpeed('replay', values.speed);

  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const result = await replayRecording({
      path,
      url,
      speed,
      signal: controller.signal,
      onProblem: (lineNo, reason) => process.stderr.write(`line ${lineNo}: ${reason}\n`),
    });
    const skipped = result.skipped > 0 ? `, ${result.skipped} lines skipped` : '';
    process.stdout.write(
      `published ${result.published} messages${skipped}${result.aborted ? ' (stopped early)' : ''}\n`,
    );
    return 0;
  } catch (err) {
    process.stderr.write(`crampwatch replay: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
};
