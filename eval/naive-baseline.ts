/**
 * The naive baseline: what a hobbyist would wire up first. A 1 s moving RMS of the raw EMG (no
 * hum removal, no high-pass, no movement gating, no lead-off check) against a fixed threshold;
 * above it for 10 s or more is a "cramp". The evaluation runs it next to the detector so every
 * number has a floor to be read against.
 */
import type { CrampWatchEvent } from '../protocol/index.ts';
import {
  decodeFrame,
  eventId,
  frameFromJson,
  parseBandTopic,
  parseRecordingLine,
} from '../protocol/index.ts';
import { readRecordingLines } from '../recording/index.ts';
import type { AlertPhase, Detections } from './detections.ts';

export interface NaiveBaselineOptions {
  readonly topicPrefix: string;
  readonly thresholdUv?: number;
  readonly sustainMs?: number;
}

/** Sums are kept per block of this many ms; the 1 s window slides by one block. */
export const BLOCK_MS = 100;
const WINDOW_BLOCKS = 10;
export const NAIVE_THRESHOLD_UV = 20;
export const NAIVE_SUSTAIN_MS = 10_000;

/** Sum of squares and sample count per block of band time, one device. */
export interface EmgBlocks {
  readonly sumSq: Map<number, number>;
  readonly count: Map<number, number>;
  /** Samples a full block holds. */
  samplesPerBlock: number;
}

/**
 * Runs the baseline over a recording. Frames are placed by their `t0` (a repeat of a `t0`
 * already seen is dropped), so late uploads land where they belong; it raises no live alerts of
 * its own, so its alert time is taken as the moment the run reached 10 s.
 */
export async function runNaiveBaseline(path: string, options: NaiveBaselineOptions): Promise<Detections> {
  const devices = new Map<string, { blocks: EmgBlocks; seen: Set<number> }>();
  for await (const { text } of readRecordingLines(path)) {
    const line = parseRecordingLine(text);
    if (!line.ok) continue;
    const topic = parseBandTopic(options.topicPrefix, line.value.topic);
    if (!topic.ok || topic.value.kind !== 'frame') continue;
    const frame =
      line.value.json !== undefined ? frameFromJson(line.value.json) : decodeFrame(line.value.bytes);
    if (!frame.ok) continue;
    let d = devices.get(topic.value.device);
    if (!d) {
      d = { blocks: { sumSq: new Map(), count: new Map(), samplesPerBlock: 0 }, seen: new Set() };
      devices.set(topic.value.device, d);
    }
    if (d.seen.has(frame.value.t0)) continue;
    d.seen.add(frame.value.t0);
    addSamples(d.blocks, frame.value.t0, frame.value.emg.hz, frame.value.emg.uv);
  }
  const events: CrampWatchEvent[] = [];
  const phases: AlertPhase[] = [];
  const sustainMs = options.sustainMs ?? NAIVE_SUSTAIN_MS;
  for (const [device, { blocks }] of devices) {
    for (const run of sustainedRuns(blocks, options.thresholdUv ?? NAIVE_THRESHOLD_UV, sustainMs)) {
      const event = cramp(device, run.start, run.end);
      events.push(event);
      phases.push({ phase: 'start', at: run.start + sustainMs, event: { ...event, end: null } });
    }
  }
  events.sort((a, b) => a.start - b.start);
  phases.sort((a, b) => a.at - b.at);
  return { events, phases };
}

/** Adds a frame's samples to the blocks they fall in. */
export function addSamples(blocks: EmgBlocks, t0: number, hz: number, uv: Float32Array): void {
  blocks.samplesPerBlock = (hz * BLOCK_MS) / 1000;
  const msPerSample = 1000 / hz;
  let block = Number.NaN;
  let sumSq = 0;
  let n = 0;
  const flush = () => {
    if (n === 0) return;
    blocks.sumSq.set(block, (blocks.sumSq.get(block) ?? 0) + sumSq);
    blocks.count.set(block, (blocks.count.get(block) ?? 0) + n);
  };
  for (let i = 0; i < uv.length; i++) {
    const b = Math.floor((t0 + i * msPerSample) / BLOCK_MS);
    if (b !== block) {
      flush();
      block = b;
      sumSq = 0;
      n = 0;
    }
    const x = uv[i]!;
    sumSq += x * x;
    n++;
  }
  flush();
}

/**
 * Runs where the 1 s RMS (ending at each block's end) stays ≥ `thresholdUv` for ≥ `sustainMs`.
 * A window with less than half its samples (lost frames) is not above threshold. A run starts
 * when the RMS first crosses (the end of the first window above) and ends with the last one.
 */
export function sustainedRuns(
  blocks: EmgBlocks,
  thresholdUv: number,
  sustainMs: number,
): { start: number; end: number }[] {
  const keys = [...blocks.count.keys()].sort((a, b) => a - b);
  const runs: { start: number; end: number }[] = [];
  const first = keys[0];
  const last = keys.at(-1);
  if (first === undefined || last === undefined) return runs;
  const minSamples = (blocks.samplesPerBlock * WINDOW_BLOCKS) / 2;
  let runStart: number | null = null;
  let runEnd = 0;
  const close = () => {
    if (runStart !== null && runEnd - runStart >= sustainMs) runs.push({ start: runStart, end: runEnd });
    runStart = null;
  };
  for (let b = first; b <= last + WINDOW_BLOCKS - 1; b++) {
    // Summed afresh for each window (10 additions) rather than running sums, which drift
    // over a night of rail-to-rail lead-offs.
    let sumSq = 0;
    let n = 0;
    for (let k = b - WINDOW_BLOCKS + 1; k <= b; k++) {
      sumSq += blocks.sumSq.get(k) ?? 0;
      n += blocks.count.get(k) ?? 0;
    }
    const above = n >= minSamples && Math.sqrt(sumSq / n) >= thresholdUv;
    const endMs = (b + 1) * BLOCK_MS;
    if (above) {
      runStart ??= endMs;
      runEnd = endMs;
    } else {
      close();
    }
  }
  close();
  return runs;
}

function cramp(device: string, start: number, end: number): CrampWatchEvent {
  return { id: eventId(device, 'cramp', start), device, kind: 'cramp', start, end, late: false };
}
