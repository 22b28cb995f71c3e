import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { readRecordingLines } from '../recording/index.ts';

/** One accepted MQTT message as the journal keeps it. */
export interface JournaledMessage {
  readonly topic: string;
  readonly payload: Buffer;
  /** When the service received it (its clock then), so a replay sequences it as it was. */
  readonly receivedAt: number;
}

/** One segment file per minute of the service's clock: old minutes are deleted whole. */
const SEGMENT_MS = 60_000;
const SEGMENT_SUFFIX = '.jsonl';

/**
 * The recent past of accepted messages on disk, so that after a crash the detector is rebuilt
 * exactly as it was (sequencer, filters, baseline, a cramp in progress with its true start) by
 * replaying them, instead of starting cold in the middle of a night.
 *
 * `append` writes synchronously (`writeSync`): once it returns, the message survives a crash of
 * the process (not a power cut: there is no fsync). Segments older than `keepMs` are deleted as
 * new ones begin. A line torn by a crash is skipped on replay.
 */
export class MessageJournal {
  private fd: number | undefined;
  private segmentStart = -1;

  private constructor(
    private readonly dir: string,
    private readonly keepMs: number,
    private readonly log: Logger,
  ) {}

  static open(dir: string, keepMs: number, log: Logger): MessageJournal {
    mkdirSync(dir, { recursive: true });
    return new MessageJournal(dir, keepMs, log);
  }

  append(topic: string, payload: Uint8Array, receivedAt: number): void {
    const segment = Math.floor(receivedAt / SEGMENT_MS) * SEGMENT_MS;
    if (segment > this.segmentStart || this.fd === undefined)
      this.rotate(Math.max(segment, this.segmentStart));
    const b64 = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('base64');
    const line = Buffer.from(`${JSON.stringify({ at: receivedAt, topic, payloadBase64: b64 })}\n`);
    // writeSync may write less than asked (a signal, a nearly full disk): finish the line.
    for (let at = 0; at < line.length; ) at += writeSync(this.fd!, line, at, line.length - at);
  }

  /** The journaled messages received at `sinceMs` or later, oldest first. */
  async *replay(sinceMs: number): AsyncGenerator<JournaledMessage> {
    for (const file of this.segments()) {
      if (Number(file.slice(0, -SEGMENT_SUFFIX.length)) + SEGMENT_MS <= sinceMs) continue;
      for await (const { lineNo, text } of readRecordingLines(join(this.dir, file))) {
        const message = parseLine(text);
        if (message) {
          if (message.receivedAt >= sinceMs) yield message;
        } else this.log.warn({ file, line: lineNo }, 'journal line unreadable (torn by a crash?): skipped');
      }
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private rotate(segment: number): void {
    this.close();
    this.segmentStart = segment;
    this.fd = openSync(join(this.dir, `${String(segment).padStart(15, '0')}${SEGMENT_SUFFIX}`), 'a+');
    endTornLine(this.fd);
    const oldest = segment - this.keepMs - SEGMENT_MS;
    for (const file of this.segments()) {
      if (Number(file.slice(0, -SEGMENT_SUFFIX.length)) < oldest)
        rmSync(join(this.dir, file), { force: true });
    }
  }

  private segments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => /^\d{15}\.jsonl$/.test(f))
      .sort();
  }
}

/** A segment reopened after a crash may end mid-line: end it, so the next line stays whole. */
function endTornLine(fd: number): void {
  const size = fstatSync(fd).size;
  if (size === 0) return;
  const last = Buffer.alloc(1);
  readSync(fd, last, 0, 1, size - 1);
  if (last[0] !== 0x0a) writeSync(fd, '\n');
}

function parseLine(text: string): JournaledMessage | undefined {
  try {
    const o = JSON.parse(text) as { at?: unknown; topic?: unknown; payloadBase64?: unknown };
    if (typeof o.at !== 'number' || typeof o.topic !== 'string' || typeof o.payloadBase64 !== 'string') {
      return undefined;
    }
    return { topic: o.topic, payload: Buffer.from(o.payloadBase64, 'base64'), receivedAt: o.at };
  } catch {
    return undefined;
  }
}
