import { EMG_HZ_MAX, EMG_HZ_MIN, type EpochMs } from '../../protocol/index.ts';
import { type EmgEpoch, EPOCH_MS } from '../epoch.ts';
import { type EmgConditionerInput, type EmgConditionerOptions, resolveEmgOptions } from './emg-options.ts';
import { EmgSignalPath } from './emg-signal-path.ts';
import { EpochStats, type LeadOffRule } from './epoch-stats.ts';
import type { MainsHz } from './mains-detector.ts';

/**
 * The EMG stage of one device's detector. Raw µV in, one {@link EmgEpoch} per 100 ms of band time
 * out: hum detected and notched, a 30 Hz high-pass, the 1-20 Hz band, rails and flatness (the
 * signal path is `EmgSignalPath`).
 *
 * Epochs are aligned to band time: sample i of a frame belongs to the epoch starting at
 * floor((t0 + i·1000/hz) / 100)·100, the same grid as the motion stage. An epoch is emitted as
 * soon as its last sample arrives; a partial one carries over to the next `push`. Epoch starts
 * never go backwards: samples whose time falls before the last emitted epoch's end (the next
 * `t0` drifted back) join the current epoch. State is O(1) whatever the rate, about 3 KB.
 */
export interface EmgConditioner {
  /**
   * Conditions one frame's EMG (`uv`, oldest first, at `hz`, first sample at band time `t0`) and
   * returns the epochs it completed, oldest first. A new `hz` first flushes the partial epoch
   * (returned too) and resets, as after a reboot. Throws RangeError for `hz` outside 250-4000.
   */
  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[];
  /** Emits the partial epoch, if any (e.g. before a gap); the filters keep their state. */
  flush(): EmgEpoch[];
  /**
   * Restarts after a signal gap or a reboot: filters restart (settled on the next sample, so an
   * offset causes no step), the partial epoch is dropped, the epoch grid restarts. The mains
   * decision is kept: hum belongs to the room, not to the stream.
   */
  reset(): void;
  /** The mains frequency being removed now, 0 for none. */
  readonly mainsHz: MainsHz;
}

/** Creates an EMG conditioner; options are validated once (RangeError) and frozen. */
export function createEmgConditioner(input: EmgConditionerInput = {}): EmgConditioner {
  return new Conditioner(resolveEmgOptions(input));
}

class Conditioner implements EmgConditioner {
  private readonly o: EmgConditionerOptions;
  private readonly stats = new EpochStats();
  private readonly path: EmgSignalPath;
  private hz = 0;
  private rule: LeadOffRule = { railFraction: 1, flatStdUv: 0, minFlatSamples: 1 };
  private nextStartMs = Number.NEGATIVE_INFINITY;

  constructor(options: EmgConditionerOptions) {
    this.o = options;
    this.path = new EmgSignalPath(options);
  }

  get mainsHz(): MainsHz {
    return this.path.mainsHz;
  }

  push(uv: Float32Array, hz: number, t0: EpochMs): EmgEpoch[] {
    const out: EmgEpoch[] = [];
    if (hz !== this.hz) {
      if (!(hz >= EMG_HZ_MIN && hz <= EMG_HZ_MAX)) {
        throw new RangeError(`emg: sample rate must be ${EMG_HZ_MIN}-${EMG_HZ_MAX} Hz, got ${hz}`);
      }
      this.flushInto(out);
      this.configure(hz);
    }
    const n = uv.length;
    const base = Math.floor(t0 / EPOCH_MS) * EPOCH_MS;
    // In units of ms·Hz, sample i sits at offset + 1000·i; epochs are `span` long: exact integers
    // for integer t0 and hz, so boundaries never depend on rounding.
    const offset = (t0 - base) * hz;
    const span = EPOCH_MS * hz;
    const s = this.stats;
    let i = 0;
    while (i < n) {
      const k = Math.floor((offset + 1000 * i) / span);
      const boundary = Math.ceil(((k + 1) * span - offset) / 1000);
      const end = Math.min(n, Math.max(boundary, i + 1));
      const startMs = base + k * EPOCH_MS;
      if (s.count > 0 && startMs > s.startMs) out.push(this.finish());
      if (s.count === 0) s.startMs = Math.max(startMs, this.nextStartMs);
      this.path.run(uv, i, end, s);
      if (end === boundary && startMs === s.startMs) out.push(this.finish());
      i = end;
    }
    return out;
  }

  flush(): EmgEpoch[] {
    const out: EmgEpoch[] = [];
    this.flushInto(out);
    return out;
  }

  reset(): void {
    this.stats.clear();
    this.nextStartMs = Number.NEGATIVE_INFINITY;
    this.path.reset();
  }

  private flushInto(out: EmgEpoch[]): void {
    if (this.stats.count > 0) out.push(this.finish());
  }

  private finish(): EmgEpoch {
    this.nextStartMs = this.stats.startMs + EPOCH_MS;
    return this.stats.finish(this.rule);
  }

  private configure(hz: number): void {
    const o = this.o;
    this.hz = hz;
    this.path.configure(hz);
    const epochSamples = (hz * EPOCH_MS) / 1000;
    this.rule = {
      railFraction: o.railFraction,
      flatStdUv: o.flatStdUv,
      minFlatSamples: Math.max(3, Math.ceil(epochSamples / 2)),
    };
    this.reset();
  }
}
