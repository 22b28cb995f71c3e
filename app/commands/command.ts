/** A CLI command: takes its own arguments (after the command name), returns the exit code. */
export type CliCommand = (args: string[]) => Promise<number>;

/** Thrown for a usage error: the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
