/**
 * Decode throughput of the band protocol, JSON against binary, for the typical frame: 200 ms at
 * 1 kHz EMG and 50 Hz shank and foot accelerometers. The goal (issue: binary decode) is
 * 20 M EMG samples/s on one core for binary. Prints figures; asserts nothing.
 *
 * Run alone with `node --import tsx bench/decode-bench.ts`.
 */

import { pathToFileURL } from 'node:url';
import { decodeFrame } from '../protocol/decode-frame.ts';
import { encodeBinaryFrame, encodeJsonFrame } from '../protocol/encode-frame.ts';
import type { Frame } from '../protocol/frame.ts';
import { createRng } from '../simulator/index.ts';

const EMG_HZ = 1000;
const ACCEL_HZ = 50;
const SPAN_MS = 200;
const EMG_PER_FRAME = (EMG_HZ * SPAN_MS) / 1000;
const ACCEL_PER_FRAME = (ACCEL_HZ * SPAN_MS) / 1000;
const POOL_SIZE = 300;
const ROUNDS = 5;
const ROUND_MS = 2000;
const WARMUP_MS = 500;
const GOAL_EMG_SAMPLES_PER_S = 20e6;
const T0 = 1_764_201_600_000;

/** A realistic frame: EMG noise of a few µV with occasional bursts and 50 Hz hum, a resting leg. */
function benchFrame(seq: number, random: () => number): Frame {
  const uv = new Float32Array(EMG_PER_FRAME);
  const burst = random() < 0.2 ? 50 + 300 * random() : 0;
  for (let i = 0; i < uv.length; i++) {
    const t = (seq * EMG_PER_FRAME + i) / EMG_HZ;
    const hum = 2 * Math.sin(2 * Math.PI * 50 * t);
    uv[i] = Math.round(((random() - 0.5) * (8 + burst) + hum) * 10) / 10;
  }
  const accel = (x: number, y: number, z: number) => {
    const mg = new Float32Array(ACCEL_PER_FRAME * 3);
    for (let i = 0; i < mg.length; i += 3) {
      mg[i] = Math.round(x + 20 * (random() - 0.5));
      mg[i + 1] = Math.round(y + 20 * (random() - 0.5));
      mg[i + 2] = Math.round(z + 20 * (random() - 0.5));
    }
    return mg;
  };
  return {
    v: 1,
    boot: 3_141_592,
    seq,
    t0: T0 + seq * SPAN_MS,
    emg: { hz: EMG_HZ, uv },
    shank: { hz: ACCEL_HZ, mg: accel(0, 0, -1000) },
    foot: { hz: ACCEL_HZ, mg: accel(1000, 0, 0) },
  };
}

interface Figures {
  readonly framesPerS: number;
  readonly emgSamplesPerS: number;
}

/** Decodes the pool round-robin for about `ms` milliseconds; frames per second. */
function runFor(pool: readonly Uint8Array[], ms: number): number {
  const nowMs = T0 + 3_600_000;
  let frames = 0;
  let failed = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    // Check the clock once per pass over the pool, not per frame.
    for (const payload of pool) if (!decodeFrame(payload, nowMs).ok) failed++;
    frames += pool.length;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  if (failed > 0) throw new Error(`${failed} bench payloads were rejected`);
  return (frames * 1000) / elapsed;
}

function measure(pool: readonly Uint8Array[]): Figures {
  runFor(pool, WARMUP_MS);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) rates.push(runFor(pool, ROUND_MS));
  rates.sort((a, b) => a - b);
  const framesPerS = rates[Math.floor(rates.length / 2)] ?? 0;
  return { framesPerS, emgSamplesPerS: framesPerS * EMG_PER_FRAME };
}

function fmt(x: number): string {
  return x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(1)} k`;
}

/** Prints decode throughput, JSON and binary, and whether binary meets the 20 M samples/s goal. */
export async function runDecodeBench(): Promise<void> {
  const rng = createRng(0xc0ffee, 'decode-bench');
  const random = () => rng.next();
  const frames = Array.from({ length: POOL_SIZE }, (_, seq) => benchFrame(seq, random));
  const jsonPool = frames.map((f) => new Uint8Array(Buffer.from(encodeJsonFrame(f))));
  const binaryPool = frames.map((f) => encodeBinaryFrame(f));
  const avgBytes = (pool: Uint8Array[]) => Math.round(pool.reduce((s, p) => s + p.length, 0) / pool.length);

  console.log(
    `decode bench: ${SPAN_MS} ms frames, EMG ${EMG_HZ} Hz, shank + foot ${ACCEL_HZ} Hz, ` +
      `pool of ${POOL_SIZE}, median of ${ROUNDS} × ${ROUND_MS / 1000} s`,
  );
  const json = measure(jsonPool);
  console.log(
    `  json   (${avgBytes(jsonPool)} B/frame): ${fmt(json.framesPerS)} frames/s, ${fmt(json.emgSamplesPerS)} EMG samples/s`,
  );
  const binary = measure(binaryPool);
  console.log(
    `  binary (${avgBytes(binaryPool)} B/frame): ${fmt(binary.framesPerS)} frames/s, ${fmt(binary.emgSamplesPerS)} EMG samples/s`,
  );
  console.log(`  binary/json: ${(binary.framesPerS / json.framesPerS).toFixed(1)}×`);
  const met = binary.emgSamplesPerS >= GOAL_EMG_SAMPLES_PER_S;
  console.log(
    `  goal binary ≥ ${fmt(GOAL_EMG_SAMPLES_PER_S)} EMG samples/s on one core: ${met ? 'met' : 'NOT met'}`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await runDecodeBench();
