import type { CrampWatchEvent } from '../../protocol/index.ts';
import { DEFAULT_TOPIC_PREFIX } from '../../protocol/index.ts';
import { analyzeRecording } from '../analyze-recording.ts';
import { type CliCommand, UsageError } from './command.ts';
import { parseFlags } from './parse-flags.ts';

const HELP = `usage: crampwatch analyze FILE [--phases] [--topic-prefix P]

Runs the detector over a recording (JSON Lines, optionally gzip-compressed) exactly as the live
service would. Events go to standard output, one JSON object a line with its final end, in order
of start; each problem with the input goes to standard error as "line N: reason", and analysis
goes on past it. Exits non-zero only when the file cannot be read.

options:
  --phases              print every alert phase as the detector emits it instead:
                        {"phase":"start"|"update"|"end","at":<band time ms>,"event":{...}}
  --topic-prefix P      the recording's topic prefix (default CRAMPWATCH_TOPIC_PREFIX or ${DEFAULT_TOPIC_PREFIX})`;

export const analyzeCommand: CliCommand = async (args) => {
  const { values, positionals } = parseFlags(
    'analyze',
    args,
    { 'topic-prefix': { type: 'string' }, phases: { type: 'boolean' }, help: { type: 'boolean' } },
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
  const problems = new LineBuffer(process.stderr);
  const phases = new LineBuffer(process.stdout);
  const events: CrampWatchEvent[] = [];
  try {
    await analyzeRecording(file, prefix, {
      onProblem: (lineNo, reason) => problems.add(`line ${lineNo}: ${reason}`),
      onOutput: (o) => {
        if (values.phases) phases.add(JSON.stringify(o));
        else if (o.phase === 'end') events.push(o.event);
      },
    });
  } catch (err) {
    problems.flush();
    phases.flush();
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`crampwatch analyze: cannot read ${file}: ${message}\n`);
    return 1;
  }
  problems.flush();
  phases.flush();
  events.sort(
    (a, b) => a.start - b.start || a.device.localeCompare(b.device) || a.kind.localeCompare(b.kind),
  );
  const out = new LineBuffer(process.stdout);
  for (const e of events) out.add(JSON.stringify(e));
  out.flush();
  return 0;
};

/** Lines written in blocks rather than one write each. */
class LineBuffer {
  private lines: string[] = [];
  constructor(private readonly stream: NodeJS.WritableStream) {}
  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length >= 256) this.flush();
  }
  flush(): void {
    if (this.lines.length > 0) this.stream.write(`${this.lines.join('\n')}\n`);
    this.lines = [];
  }
}
