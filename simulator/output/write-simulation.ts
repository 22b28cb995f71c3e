import { constants } from 'node:fs';
import { access, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createRecordingWriter } from '../../recording/index.ts';
import { resolveSimulationOptions, type SimulationInput } from '../options.ts';
import { simulateNight } from '../simulate-night.ts';
import type { SimulationTruth } from '../truth/truth.ts';

export interface WriteSimulationHooks {
  /** Called now and then with the share of the night written, 0 to 1. */
  readonly onProgress?: (fraction: number) => void;
}

export interface WrittenSimulation {
  readonly recordingPath: string;
  readonly truthPath: string;
  readonly messages: number;
  readonly truth: SimulationTruth;
}

const PROGRESS_EVERY = 2000;

/** Where the truth of a recording goes: `FILE.truth.json` next to `FILE`. */
export function truthPathFor(recordingPath: string): string {
  return `${recordingPath}.truth.json`;
}

/**
 * Writes a simulated night as a recording (gzip-compressed when the name ends in `.gz`) and its
 * ground truth next to it, streaming: the file grows as frames are rendered.
 */
export async function writeSimulation(
  input: SimulationInput,
  recordingPath: string,
  hooks: WriteSimulationHooks = {},
): Promise<WrittenSimulation> {
  const options = resolveSimulationOptions(input);
  const durationMs = options.minutes * 60_000;
  // The recording writer reports no stream errors: find an unwritable place before starting.
  await access(dirname(recordingPath), constants.W_OK);
  const night = simulateNight(options);
  const writer = createRecordingWriter(recordingPath);
  let messages = 0;
  let truth: SimulationTruth;
  try {
    for (let r = night.next(); ; r = night.next()) {
      if (r.done) {
        truth = r.value;
        break;
      }
      await writer.write(r.value.topic, r.value.payload);
      if (++messages % PROGRESS_EVERY === 0)
        hooks.onProgress?.(Math.min(1, (r.value.sendMs - options.startMs) / durationMs));
    }
  } finally {
    await writer.close();
  }
  const truthPath = truthPathFor(recordingPath);
  await writeFile(truthPath, `${JSON.stringify(truth)}\n`);
  hooks.onProgress?.(1);
  return { recordingPath, truthPath, messages, truth };
}
