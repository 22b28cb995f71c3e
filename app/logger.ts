import { type Logger, pino } from 'pino';

/** The one structured logger (JSON lines on stdout, or stderr where stdout carries a command's output). */
export function createLogger(level: string, destination: 1 | 2 = 1): Logger {
  return pino({ level, base: { service: 'crampwatch' } }, pino.destination({ fd: destination, sync: false }));
}
