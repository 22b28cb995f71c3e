import { bandTopic, encodeStatus, type Frame, OFFLINE_STATUS } from '../../protocol/index.ts';
import type { FaultPlan } from '../network/fault-plan.ts';
import type { SimulationOptions } from '../options.ts';
import type { NightPlan } from '../plan/night-plan.ts';
import { createRng } from '../random/rng.ts';
import type { TruthEvent } from '../truth/truth.ts';
import type { BandMessage, BandStatusMessage } from './band-message.ts';
import { createFrameEncoder } from './frame-encoder.ts';
import { createFrameGrid } from './frame-grid.ts';
import { createFrameRenderer } from './frame-renderer.ts';
import type { BandTraits } from './traits.ts';

/** What the band itself did, known once its messages have all been taken. */
export interface BandReport {
  /** Frames the band sent to its gateway (none while rebooting). */
  readonly framesGenerated: number;
  readonly boots: readonly number[];
  readonly events: readonly TruthEvent[];
}

/**
 * A band's messages to its gateway, in band order, rendered as they are taken: its online status,
 * frames (seq +1 each, contiguous t0), a status whenever it notices lead-off come or go, a new
 * boot after a reboot (seq from 0, announced by a status), and `{"v":1,"online":false}` at the end.
 */
export function* bandMessages(
  options: SimulationOptions,
  traits: BandTraits,
  plan: NightPlan,
  faults: FaultPlan,
  report: (r: BandReport) => void,
): Generator<BandMessage> {
  const grid = createFrameGrid(plan.durationMs, options.frameMs, options.emgHz, options.accelHz);
  const renderer = createFrameRenderer(options, traits, plan, grid);
  const encode = createFrameEncoder(
    options.encoding,
    createRng(options.seed, 'band', traits.index, 'encoding'),
  );
  const frameTopic = bandTopic(options.topicPrefix, traits.device, 'frame');
  const statusTopic = bandTopic(options.topicPrefix, traits.device, 'status');
  const epoch = (tMs: number) => options.startMs + Math.round(tMs);
  const flagged = plan.leadOffs.filter((l) => l.flagged);
  const { reboot } = faults;
  const boots = [traits.boot];
  const events: TruthEvent[] = [];
  let boot = traits.boot;
  let seq = 0;
  let leadOff = false;
  let downSinceMs: number | undefined;
  let framesSent = 0;
  const status = (atMs: number): BandStatusMessage => ({
    kind: 'status',
    topic: statusTopic,
    atMs,
    payload: onlineStatus(traits, epoch(atMs), atMs, leadOff),
    offline: false,
  });

  yield status(0);
  for (let k = 0; k < grid.frames; k++) {
    const s = grid.slice(k);
    // Rendered even while the band is down, so the signal carries on as the body does.
    const { uv, shank, foot } = renderer.render(s);
    if (reboot && s.startMs >= reboot.startMs && s.startMs < reboot.endMs) {
      downSinceMs ??= s.startMs;
      continue;
    }
    if (downSinceMs !== undefined) {
      boot = nextBoot(options.seed, traits.index, boot);
      boots.push(boot);
      seq = 0;
      events.push({ kind: 'reboot', start: epoch(downSinceMs), end: epoch(s.startMs), boot });
      downSinceMs = undefined;
      yield status(s.startMs);
    }
    const leadOffNow = flagged.some((l) => l.startMs <= s.startMs && s.startMs < l.endMs);
    if (leadOffNow !== leadOff) {
      leadOff = leadOffNow;
      yield status(s.startMs);
    }
    const t0 = epoch(s.startMs);
    const emg = { hz: options.emgHz, uv };
    const shankStream = { hz: options.accelHz, mg: shank };
    const frame: Frame = foot
      ? { v: 1, boot, seq, t0, emg, shank: shankStream, foot: { hz: options.accelHz, mg: foot } }
      : { v: 1, boot, seq, t0, emg, shank: shankStream };
    framesSent++;
    yield {
      kind: 'frame',
      topic: frameTopic,
      payload: encode(frame),
      atMs: s.endMs,
      boot,
      seq,
      t0,
      spanMs: s.endMs - s.startMs,
    };
    seq = (seq + 1) >>> 0;
  }
  yield {
    kind: 'status',
    topic: statusTopic,
    atMs: plan.durationMs,
    payload: encodeStatus(OFFLINE_STATUS),
    offline: true,
  };
  report({ framesGenerated: framesSent, boots, events });
}

/** The band's status (band protocol, "Status"), battery draining through the night. */
function onlineStatus(traits: BandTraits, t: number, atMs: number, leadOff: boolean): string {
  const battery = traits.batteryStart - (traits.batteryPerHour * atMs) / 3_600_000;
  return encodeStatus({
    v: 1,
    online: true,
    t,
    battery: Math.max(0.05, Math.round(battery * 100) / 100),
    fw: traits.fw,
    side: traits.side,
    leadOff,
  });
}

/** The boot id a band picks at power-on: random, never the one it had, never 0. */
function nextBoot(seed: number, index: number, previous: number): number {
  const rng = createRng(seed, 'band', index, 'boot', previous);
  let boot = rng.u32();
  while (boot === previous || boot === 0) boot = rng.u32();
  return boot;
}
