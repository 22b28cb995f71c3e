import { DEFAULT_TOPIC_PREFIX } from '../../protocol/index.ts';
import { analyzeRecording } from '../analyze-recording.ts';
import { type CliCommand, UsageError } from './command.ts';
import { parseFlags } from './parse-flags.ts';

const HELP = `usage: crampwatch analyze FILE [--topic-prefix P]

Runs the detector over a recording (JSON Lines, optionally gzip-compressed) exactly as the live
service would. Events go to standard output, one JSON object a line, in order of start; each
problem with the input goes to standard error as "line N: reason", and analysis goes on past it.
Exits non-zero only when the file cannot be read.

options:
  --topic-prefix P      the recording's topic prefix (default CRAMPWATCH_TOPIC_PREFIX or ${DEFAULT_TOPIC_PREFIX})`;

export const analyzeCommand: CliCommand = async (args) => {
  const { values, positionals } = parseFlags(
    'analyze',
    args,
    { 'topic-prefix': { type: 'string' }, help: { type: 'boolean' } },
    true,
  );
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('analyze: which recording? usage: crampwatch analyze FILE');
  if (extra.length > 0) throw new UsageError(`analyze: one recording at a time, got ${positionals.length}`);
  const prefix = values['topic-prefix'] ?? (process.env.CRAMPWATCH_TOPIC_PREFIX || DEFAULT_TOPIC_PREFIX);
  const problems: string[] = [];
  const flush = () => {
    if (problems.length > 0) process.stderr.write(problems.join(''));
    problems.length = 0;
  };
  try {
    await analyzeRecording(file, prefix, {
      onProblem: (lineNo, reason) => {
        problems.push(`line ${lineNo}: ${reason}\n`);
        if (problems.length >= 256) flush();
      },
    });
  } catch (err) {
    flush();
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`crampwatch analyze: cannot read ${file}: ${message}\n`);
    return 1;
  }
  flush();
  return 0;
};
