import { pino } from 'pino';
import type { IngestItem } from '../ingest/index.ts';
import { MessageHandler, Quarantine, Sequencer } from '../ingest/index.ts';
import { frameSpanMs, parseRecordingLine } from '../protocol/index.ts';
import { readRecordingLines } from '../recording/index.ts';

export interface AnalyzeCallbacks {
  /** A problem with the input, for `line N: reason`. */
  readonly onProblem: (lineNo: number, reason: string) => void;
  /** What the ingest hands on for each good line, as the live service would. */
  readonly onItems?: (items: readonly IngestItem[]) => void;
}

export interface AnalyzeSummary {
  readonly lines: number;
  readonly problems: number;
  readonly frames: number;
  readonly duplicates: number;
}

/**
 * Runs a recording through the same ingest as the live service, streaming. A recording has no
 * arrival times, so the arrival clock is the newest frame end seen so far in the file: a band's
 * frames that come in behind the others' (a late upload) are late, as they would be live.
 * Rejects only when the file cannot be read.
 */
export async function analyzeRecording(
  path: string,
  topicPrefix: string,
  callbacks: AnalyzeCallbacks,
): Promise<AnalyzeSummary> {
  const handler = new MessageHandler({
    topicPrefix,
    sequencer: new Sequencer(),
    quarantine: new Quarantine({ capacity: 1, maxPayloadBytes: 64 }),
    log: pino({ level: 'silent' }),
    now: () => Date.now(),
  });
  let clockMs = 0;
  let lines = 0;
  let problems = 0;
  let frames = 0;
  let duplicates = 0;
  for await (const { lineNo, text } of readRecordingLines(path)) {
    lines++;
    const line = parseRecordingLine(text);
    if (!line.ok) {
      problems++;
      callbacks.onProblem(lineNo, line.error);
      continue;
    }
    const { topic, bytes, json } = line.value;
    const handled = handler.handle(topic, bytes, clockMs, json);
    if (handled.kind === 'rejected') {
      problems++;
      callbacks.onProblem(lineNo, `${handled.reason.code}: ${handled.reason.message}`);
    } else if (handled.kind === 'duplicate') {
      duplicates++;
    } else if (handled.kind === 'accepted') {
      for (const item of handled.items) {
        if (item.kind !== 'frame') continue;
        frames++;
        clockMs = Math.max(clockMs, item.frame.t0 + frameSpanMs(item.frame));
      }
      callbacks.onItems?.(handled.items);
    }
  }
  return { lines, problems, frames, duplicates };
}
