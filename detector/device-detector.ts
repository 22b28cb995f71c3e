import type { DeviceId, EpochMs, Frame } from '../protocol/index.ts';
import { BaselineTracker } from './baseline-tracker.ts';
import { BurstDetector } from './burst-detector.ts';
import type { DetectorConfig } from './detector-config.ts';
import type { DetectorInput } from './detector-input.ts';
import { type Emit, makeEvent, round1 } from './detector-output.ts';
import { EnvelopeHistory } from './envelope-history.ts';
import { type EmgEpoch, EPOCH_MS, type MotionEpoch } from './epoch.ts';
import { LeadOffTracker } from './lead-off-tracker.ts';
import { PlantarFlexionTracker } from './plantar-flexion-tracker.ts';
import { SecondSummarizer, type SecondSummary } from './second-summary.ts';
import { ShortBurstClassifier } from './short-burst-classifier.ts';
import type { EmgStage, MotionStage, StageFactory } from './stages.ts';

/** Lead-off from the signal needs this many epochs of rails or flat line (1 s: an electrode pop is shorter). */
const SIGNAL_LEAD_OFF_EPOCHS = 10;
/**
 * After a start or a gap the filters restart, and the hum notches ring for a few hundred ms (2 Hz
 * wide: the ringing decays by e^(-2π·0.5) ≈ 4% in 0.5 s), which reads as tens of µV of activity
 * in a humming room; the EMG of these epochs is not used.
 */
const FILTER_SETTLE_EPOCHS = 5;
/** History kept for back-dating onsets: 2 minutes of epochs. */
const HISTORY_EPOCHS = 1200;

/**
 * One band's detector: EMG and accelerometer stages joined epoch by epoch (100 ms of band time),
 * then the event logic — baseline, bursts and cramps, short bursts (spasms, PLM series), plantar
 * flexion, lead-off, gaps. Pure: time comes from the samples; outputs go to `emit`.
 */
export class DeviceDetector {
  private readonly emgStage: EmgStage;
  private readonly motionStage: MotionStage;
  private emgQueue: EmgEpoch[] = [];
  private motionQueue: MotionEpoch[] = [];
  private readonly smoothing: Float32Array;
  private smoothingAt = 0;
  private smoothingCount = 0;
  private readonly baseline: BaselineTracker;
  private readonly history = new EnvelopeHistory(HISTORY_EPOCHS);
  private readonly bursts: BurstDetector;
  private readonly shortBursts: ShortBurstClassifier;
  private readonly plantarFlexion: PlantarFlexionTracker;
  private readonly leadOff: LeadOffTracker;
  private emit: Emit = () => {};
  private lastEpochMs: EpochMs | undefined;
  private flexionDeg: number | null = null;
  private crampMaxFlexionDeg: number | null = null;
  /** Epochs still to skip while the restarted filters ring (see {@link FILTER_SETTLE_EPOCHS}). */
  private settlingEpochs = FILTER_SETTLE_EPOCHS;
  private readonly seconds: SecondSummarizer | undefined;

  constructor(
    readonly device: DeviceId,
    private readonly late: boolean,
    private readonly config: DetectorConfig,
    stages: StageFactory,
    onSecond?: (summary: SecondSummary) => void,
    /** Another detector of the same band to start from (a late backlog's: the live one). */
    startFrom?: DeviceDetector,
  ) {
    this.seconds = onSecond && new SecondSummarizer(device, config.plantarFlexionDeg, onSecond);
    this.emgStage = stages.emg(startFrom?.emgStage.mainsHz);
    this.motionStage = stages.motion();
    this.smoothing = new Float32Array(Math.max(1, Math.round(config.smoothingMs / EPOCH_MS)));
    this.baseline = new BaselineTracker(
      Math.round(config.baselineWindowMs / 1000),
      config.baselinePercentile,
    );
    // A backlog may begin mid-cramp: it starts from the live baseline, not from its own first second.
    this.baseline.seed(startFrom?.baselineUv);
    this.bursts = new BurstDetector(config, this.history, {
      crampStart: (onset, at, peakUv, baselineUv) => {
        this.crampMaxFlexionDeg = this.flexionDeg;
        this.out('start', at, 'cramp', onset, null, this.crampFields(peakUv, baselineUv));
      },
      crampUpdate: (onset, at, peakUv) => {
        this.trackCrampFlexion();
        this.out('update', at, 'cramp', onset, null, { peakUv: round1(peakUv) });
      },
      crampEnd: (onset, end, at, peakUv, baselineUv) =>
        this.out('end', at, 'cramp', onset, end, this.crampFields(peakUv, baselineUv)),
      shortBurst: (start, end, still, peakUv) =>
        this.shortBursts.burst({ startMs: start, endMs: end, still, peakUv }),
    });
    this.shortBursts = new ShortBurstClassifier(config, {
      spasm: (b, at) => {
        const fields = { peakUv: round1(b.peakUv), baselineUv: round1(this.baseline.uv ?? 0) };
        this.out('start', at, 'spasm', b.startMs, null, fields);
        this.out('end', at, 'spasm', b.startMs, b.endMs, fields);
      },
      plm: (movements, at) => {
        const start = movements[0]!.startMs;
        const fields = { movements: movements.length };
        this.out('start', at, 'plm', start, null, fields);
        this.out('end', at, 'plm', start, movements[movements.length - 1]!.endMs, fields);
      },
    });
    this.plantarFlexion = new PlantarFlexionTracker(config, {
      onStart: (start, at, angle) =>
        this.out('start', at, 'plantar_flexion', start, null, { angleDeg: round1(angle) }),
      onEnd: (start, end, max, mean) =>
        this.out('end', end, 'plantar_flexion', start, end, {
          angleDeg: round1(mean),
          maxAngleDeg: round1(max),
        }),
    });
    this.leadOff = new LeadOffTracker(
      SIGNAL_LEAD_OFF_EPOCHS,
      (start, at) => this.out('start', at, 'lead_off', start, null),
      (start, end) => this.out('end', end, 'lead_off', start, end),
    );
  }

  /** Processes one input; what it detects goes to `emit`. */
  push(input: DetectorInput, emit: Emit): void {
    this.emit = emit;
    switch (input.kind) {
      case 'frame':
        this.frame(input.frame);
        break;
      case 'gap':
        this.out('start', input.toMs, 'signal_gap', input.fromMs, null);
        this.out('end', input.toMs, 'signal_gap', input.fromMs, input.toMs);
        this.discontinuity(input.fromMs, input.toMs);
        break;
      case 'reboot':
        this.discontinuity(this.lastEpochMs ?? 0, Number.POSITIVE_INFINITY);
        break;
      case 'status':
        if (input.status.leadOff !== undefined) {
          this.leadOff.setStatus(
            input.status.leadOff,
            input.status.t ?? this.lastEpochMs ?? input.receivedAt,
          );
        }
        break;
    }
  }

  /** The resting baseline now, µV (undefined until the first quiet second). */
  get baselineUv(): number | undefined {
    return this.baseline.uv;
  }

  /** End of the stream: closes whatever is open. */
  finish(emit: Emit): void {
    this.emit = emit;
    const end = (this.lastEpochMs ?? 0) + EPOCH_MS;
    this.bursts.close(EPOCH_MS);
    this.shortBursts.close(end);
    this.plantarFlexion.close();
    this.leadOff.close(end);
    this.seconds?.flush();
  }

  private frame(frame: Frame): void {
    for (const e of this.emgStage.push(frame.emg.uv, frame.emg.hz, frame.t0)) this.emgQueue.push(e);
    for (const m of this.motionStage.push(frame)) this.motionQueue.push(m);
    let ei = 0;
    let mi = 0;
    while (ei < this.emgQueue.length && mi < this.motionQueue.length) {
      const e = this.emgQueue[ei]!;
      const m = this.motionQueue[mi]!;
      if (e.startMs === m.startMs) {
        this.epoch(e, m);
        ei++;
        mi++;
      } else if (e.startMs < m.startMs) ei++;
      else mi++;
    }
    this.emgQueue = this.emgQueue.slice(ei);
    this.motionQueue = this.motionQueue.slice(mi);
  }

  private epoch(emg: EmgEpoch, motion: MotionEpoch): void {
    const t = emg.startMs;
    this.lastEpochMs = t;
    const moving = motion.shankMovementMg > this.config.movingMg;
    this.flexionDeg = motion.ankleDeg === null ? null : motion.ankleDeg - this.motionStage.neutralDeg;
    this.plantarFlexion.epoch(t, this.flexionDeg, EPOCH_MS);
    if (this.bursts.inBurst) this.trackCrampFlexion();
    this.shortBursts.tick(t);
    if (this.settlingEpochs > 0) {
      this.settlingEpochs--;
      return;
    }
    const leadOff = this.leadOff.epoch(t, emg.leadOffLike, EPOCH_MS);
    this.seconds?.epoch({
      emg,
      motion,
      flexionDeg: this.flexionDeg,
      leadOff,
      baselineUv: this.baseline.uv,
    });
    if (leadOff) {
      this.bursts.abort(t, EPOCH_MS);
      this.history.push(t, 0, motion.shankMovementMg);
      return;
    }
    const env = this.smooth(emg.rmsUv);
    this.history.push(t, env, motion.shankMovementMg);
    const baselineUv = this.baseline.uv;
    if (baselineUv === undefined) {
      this.baseline.addQuiet(env);
      return;
    }
    this.bursts.epoch(t, env, moving, baselineUv, EPOCH_MS);
    if (!this.bursts.inBurst && !moving) this.baseline.addQuiet(env);
  }

  private smooth(rmsUv: number): number {
    this.smoothing[this.smoothingAt] = rmsUv;
    this.smoothingAt = (this.smoothingAt + 1) % this.smoothing.length;
    this.smoothingCount = Math.min(this.smoothingCount + 1, this.smoothing.length);
    let sum = 0;
    for (let i = 0; i < this.smoothingCount; i++) sum += this.smoothing[i]!;
    return sum / this.smoothingCount;
  }

  private discontinuity(fromMs: EpochMs, toMs: EpochMs): void {
    this.seconds?.flush();
    this.emgStage.reset();
    this.motionStage.reset();
    this.emgQueue = [];
    this.motionQueue = [];
    this.smoothingCount = 0;
    this.settlingEpochs = FILTER_SETTLE_EPOCHS;
    this.bursts.gap(fromMs, toMs, EPOCH_MS);
    if (toMs - fromMs > this.config.maxBridgedGapMs) {
      this.shortBursts.close(fromMs);
      this.plantarFlexion.close();
    }
  }

  private trackCrampFlexion(): void {
    if (this.flexionDeg !== null)
      this.crampMaxFlexionDeg = Math.max(this.crampMaxFlexionDeg ?? -90, this.flexionDeg);
  }

  private crampFields(peakUv: number, baselineUv: number): Record<string, unknown> {
    const ratio = peakUv / Math.max(baselineUv, 0.5);
    return {
      peakUv: round1(peakUv),
      baselineUv: round1(baselineUv),
      angleDeg: this.crampMaxFlexionDeg === null ? null : round1(this.crampMaxFlexionDeg),
      confidence: Math.round(Math.min(0.99, Math.max(0.5, 0.5 + 0.25 * Math.log10(ratio))) * 100) / 100,
    };
  }

  private out(
    phase: 'start' | 'update' | 'end',
    at: EpochMs,
    kind: string,
    start: EpochMs,
    end: EpochMs | null,
    fields?: Record<string, unknown>,
  ): void {
    this.emit({ phase, at, event: makeEvent(this.device, kind, start, end, this.late, fields) });
  }
}
