import {
  decodeFrame,
  frameFromJson,
  frameSpanMs,
  parseRecordingLine,
  type RecordedMessage,
} from '../../protocol/index.ts';
import { readRecordingLines } from '../../recording/index.ts';
import { type Clock, systemClock } from './clock.ts';
import { type Connect, connectMqtt, shortId } from './connect.ts';
import { createMqttSender } from './mqtt-sender.ts';
import { createPacer } from './pacer.ts';

export interface ReplayOptions {
  readonly path: string;
  readonly url: string;
  /** 1 is real time, larger accelerates; Infinity (`--speed max`) as fast as the broker takes it. */
  readonly speed: number;
  readonly signal?: AbortSignal;
  readonly clock?: Clock;
  readonly connect?: Connect;
  /** A line that cannot be published (not a recording line): its 1-based number and why. */
  readonly onProblem?: (lineNo: number, reason: string) => void;
}

export interface ReplaySummary {
  readonly published: number;
  readonly skipped: number;
  readonly aborted: boolean;
}

/** Silences in frame time longer than this are cut short, so a recording with a clock jump does not stall. */
const MAX_GAP_MS = 60_000;

/**
 * Publishes a recording to a broker as it was captured: every line in order, payload bytes as
 * recorded, QoS 1, statuses retained. A recording has no arrival times, so pacing follows frame
 * time: the newest frame end seen is a high-water mark; a frame that reaches past it waits until
 * its end is due (scaled by `speed`), and frames behind it (late uploads, other bands' concurrent
 * frames, duplicates) and statuses go at once. At any speed at most 64 messages await their PUBACK.
 */
export async function replayRecording(options: ReplayOptions): Promise<ReplaySummary> {
  const { path, url, speed, signal, clock = systemClock, connect = connectMqtt, onProblem } = options;
  if (!(speed > 0)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  const lines = readRecordingLines(path);
  const client = await connect(url, { clientId: `cwreplay-${shortId(clock.nowMs())}`, clean: true });
  let published = 0;
  let skipped = 0;
  try {
    const sender = createMqttSender(client);
    const pacer = createPacer({ speed, clock, maxGapMs: MAX_GAP_MS, ...(signal ? { signal } : {}) });
    let highWaterMs = Number.NEGATIVE_INFINITY;
    for await (const { lineNo, text } of lines) {
      if (signal?.aborted) break;
      const parsed = parseRecordingLine(text);
      if (!parsed.ok) {
        skipped++;
        onProblem?.(lineNo, parsed.error);
        continue;
      }
      const message = parsed.value;
      const endMs =
        Number.isFinite(speed) && message.topic.endsWith('/frame') ? frameEndMs(message) : undefined;
      if (endMs !== undefined && endMs > highWaterMs) {
        await pacer.waitFor(endMs);
        highWaterMs = endMs;
        if (signal?.aborted) break;
      }
      await sender.send(message.topic, message.bytes, message.topic.endsWith('/status'));
      published++;
    }
    await sender.flush();
    return { published, skipped, aborted: signal?.aborted ?? false };
  } finally {
    await client.endAsync();
    await lines.return(undefined);
  }
}

/** When the band would have sent the frame (its last sample's end); undefined for a payload that is no frame. */
function frameEndMs(message: RecordedMessage): number | undefined {
  const decoded = message.json !== undefined ? frameFromJson(message.json) : decodeFrame(message.bytes);
  return decoded.ok ? decoded.value.t0 + frameSpanMs(decoded.value) : undefined;
}
