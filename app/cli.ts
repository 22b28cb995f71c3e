/**
 * `npx crampwatch <command>`: dispatches to one module per command under `commands/`.
 * Each command parses its own flags and returns the process exit code.
 */
import { type CliCommand, UsageError } from './commands/command.ts';

const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  serve: async () => (await import('./commands/serve.ts')).serveCommand,
  demo: async () => (await import('./commands/demo.ts')).demoCommand,
  simulate: async () => (await import('./commands/simulate.ts')).simulateCommand,
  replay: async () => (await import('./commands/replay.ts')).replayCommand,
  analyze: async () => (await import('./commands/analyze.ts')).analyzeCommand,
};

const USAGE = `usage: crampwatch <command> [options]

commands:
  serve                 run the service: MQTT ingest (embedded broker unless CRAMPWATCH_MQTT_URL), HTTP
  demo                  embedded broker, the service and a simulated band at an accelerated pace
  simulate              write a simulated night (--out FILE) or publish it live (--mqtt URL)
  replay FILE           publish a recording to a broker as it was captured
  analyze FILE          run the detector over a recording; problems as "line N: reason" on stderr

"crampwatch <command> --help" describes a command's options.`;

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`crampwatch: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  const command = await load();
  try {
    return await command(rest);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`crampwatch ${err.message}\n\n"crampwatch ${name} --help" lists the options.\n`);
    return 2;
  }
}
