/**
 * Measures the EMG conditioner's CPU cost per band-second (1000 samples at 1 kHz) on resting EMG
 * with 60 Hz hum (so 8 notches at 1 kHz), in 200 ms frames. Run: `node --import tsx tests/detector/emg/emg-cost.bench.ts`.
 */
import { createEmgConditioner } from '../../../detector/emg/index.ts';
import { emgSignal } from './signals.ts';

for (const hz of [250, 1000, 4000]) {
  const seconds = 300;
  const signal = emgSignal({ hz, seconds, noiseUv: 3, humUv: 20, mainsHz: 60, seed: 5 });
  const frame = (hz * 200) / 1000;
  const run = () => {
    const c = createEmgConditioner();
    let epochs = 0;
    for (let i = 0; i < signal.length; i += frame) {
      epochs += c.push(signal.subarray(i, i + frame), hz, 1_764_201_600_000 + (i * 1000) / hz).length;
    }
    return epochs;
  };
  // The fastest of several runs: the first ones include JIT warm-up, others share the CPU.
  let ms = Number.POSITIVE_INFINITY;
  let epochs = 0;
  for (let r = 0; r < 7; r++) {
    const t = process.cpuUsage(); // CPU time, not wall time: the machine may be shared
    epochs = run();
    const used = process.cpuUsage(t);
    ms = Math.min(ms, (used.user + used.system) / 1000);
  }
  console.log(
    `${hz} Hz: ${((ms / seconds) * 1000).toFixed(1)} µs CPU per band-second ` +
      `(${((ms / ((seconds * hz) / 1000)) * 1000).toFixed(1)} µs per 1000 samples), ${epochs} epochs`,
  );
}
