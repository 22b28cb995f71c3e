import { pino } from 'pino';
import { createDetector, type DetectorOutput } from '../detector/index.ts';
// The ingest's modules one by one, not its index: analyze needs no MQTT client, broker or metrics,
// and loading them was a third of a one-hour analyze's time.
import type { IngestItem } from '../ingest/ingest-item.ts';
import { MessageHandler } from '../ingest/message-handler.ts';
import { Quarantine } from '../ingest/quarantine.ts';
import { Sequencer } from '../ingest/sequencer.ts';
import { frameSpanMs, parseRecordingLine } from '../protocol/index.ts';
import { readRecordingLines } from '../recording/index.ts';

export interface AnalyzeCallbacks {
  /** A problem with the input, for `line N: reason`. */
  readonly onProblem: (lineNo: number, reason: string) => void;
  /** What the ingest hands on for each good line, as the live service would. */
  readonly onItems?: (items: readonly IngestItem[]) => void;
  /** Every alert phase the detector emits, in the order it emits them. */
  readonly onOutput?: (output: DetectorOutput) => void;
}

export interface AnalyzeSummary {
  readonly lines: number;
  readonly problems: number;
  readonly frames: number;
  readonly duplicates: number;
}

/**
 * Runs a recording through the same ingest and detector as the live service, streaming. A recording has no
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
  const detector = createDetector();
  const detect = (items: readonly IngestItem[]) => {
    for (const item of items) for (const o of detector.push(item.device, item)) callbacks.onOutput?.(o);
  };
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
      detect(handled.items);
    }
  }
  for (const o of detector.finish()) callbacks.onOutput?.(o);
  return { lines, problems, frames, duplicates };
}
