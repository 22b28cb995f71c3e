import {
  CONTIGUITY_TOLERANCE_MS,
  type DeviceId,
  type EpochMs,
  eventId,
  frameSpanMs,
} from '../protocol/index.ts';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from './detector-config.ts';
import type { DetectorInput } from './detector-input.ts';
import type { DetectorOutput, Emit } from './detector-output.ts';
import { DeviceDetector } from './device-detector.ts';
import type { SecondSummary } from './second-summary.ts';
import type { StageFactory } from './stages.ts';

/** Events remembered per band to keep a late upload from reporting an event twice. */
const LEDGER_SIZE = 64;
/**
 * A late detector that has had no late frame for this much live band time is done: its open
 * events are closed and its state freed (a band would otherwise carry two detectors for good).
 */
const LATE_IDLE_MS = 60_000;

interface DeviceState {
  readonly live: DeviceDetector;
  late: DeviceDetector | undefined;
  lateEndMs: EpochMs | undefined;
  /** Live band time when the late detector last had a frame. */
  lateTouchedAtMs: EpochMs;
  /** Start of the newest live frame. */
  liveAtMs: EpochMs;
  /** Intervals of events already reported, per kind (live and late), newest last. */
  readonly ledger: Array<{ kind: string; start: EpochMs; end: EpochMs }>;
}

/**
 * The streaming detector for every band: one {@link DeviceDetector} per band for frames in
 * time order, and a second one for late frames (a gateway's backlog filling a gap), so that
 * old samples never disturb the live state. Events found in late frames are marked late, and
 * dropped where they repeat an event already reported for the same time (a cramp that straddled
 * the outage is one event, not two). Pure: no I/O, no timers, time from the samples.
 */
export class Detector {
  private readonly devices = new Map<DeviceId, DeviceState>();

  constructor(
    private readonly stages: StageFactory,
    private readonly config: DetectorConfig = DEFAULT_DETECTOR_CONFIG,
    /** Receives every band's per-second summaries (live and late frames alike), for the timeline. */
    private readonly onSecond?: (summary: SecondSummary) => void,
  ) {}

  /** Processes one input of one band; returns the alert phases it produced. */
  push(device: DeviceId, input: DetectorInput): DetectorOutput[] {
    const state = this.state(device);
    const out: DetectorOutput[] = [];
    if (input.kind === 'frame' && input.late) {
      const late = this.lateDetector(state, device, input.frame.t0);
      late.push(input, this.filtered(state, out));
      state.lateEndMs = input.frame.t0 + frameSpanMs(input.frame);
      state.lateTouchedAtMs = state.liveAtMs;
    } else {
      if (input.kind === 'frame') {
        state.liveAtMs = input.frame.t0;
        if (state.late && state.liveAtMs - state.lateTouchedAtMs > LATE_IDLE_MS) {
          state.late.finish(this.filtered(state, out));
          state.late = undefined;
          state.lateEndMs = undefined;
        }
      }
      state.live.push(input, this.filtered(state, out));
    }
    return out;
  }

  /** Ids of the band's events that have started and not ended (from the recent events it keeps). */
  openEventIds(device: DeviceId): string[] {
    const state = this.devices.get(device);
    if (!state) return [];
    return state.ledger
      .filter((l) => l.end === Number.POSITIVE_INFINITY)
      .map((l) => eventId(device, l.kind, l.start));
  }

  /** End of the stream (analyze): closes every open event. */
  finish(): DetectorOutput[] {
    const out: DetectorOutput[] = [];
    for (const state of this.devices.values()) {
      state.live.finish(this.filtered(state, out));
      state.late?.finish(this.filtered(state, out));
    }
    return out;
  }

  private state(device: DeviceId): DeviceState {
    let state = this.devices.get(device);
    if (!state) {
      state = {
        live: new DeviceDetector(device, false, this.config, this.stages, this.onSecond),
        late: undefined,
        lateEndMs: undefined,
        lateTouchedAtMs: 0,
        liveAtMs: 0,
        ledger: [],
      };
      this.devices.set(device, state);
    }
    return state;
  }

  /** The late detector, restarted when the late frames do not continue where the last ones ended. */
  private lateDetector(state: DeviceState, device: DeviceId, t0: EpochMs): DeviceDetector {
    const continues =
      state.lateEndMs !== undefined && Math.abs(t0 - state.lateEndMs) <= CONTIGUITY_TOLERANCE_MS;
    if (!state.late || !continues) {
      state.late?.finish(() => {});
      // It starts from the live one's baseline and hum: a backlog may begin mid-cramp.
      state.late = new DeviceDetector(device, true, this.config, this.stages, this.onSecond, state.live);
    }
    return state.late;
  }

  /** Passes outputs on, minus late events that repeat an event already reported. */
  private filtered(state: DeviceState, out: DetectorOutput[]): Emit {
    return (o) => {
      const e = o.event;
      if (e.kind === 'signal_gap') return void out.push(o);
      const end = e.end ?? Number.POSITIVE_INFINITY;
      if (
        e.late &&
        state.ledger.some((l) => l.kind === e.kind && l.start !== e.start && l.start < end && e.start < l.end)
      ) {
        return;
      }
      if (o.phase === 'start' || o.phase === 'end') {
        const existing = state.ledger.find((l) => l.kind === e.kind && l.start === e.start);
        if (existing) existing.end = end;
        else {
          state.ledger.push({ kind: e.kind, start: e.start, end });
          if (state.ledger.length > LEDGER_SIZE) state.ledger.shift();
        }
      }
      out.push(o);
    };
  }
}
