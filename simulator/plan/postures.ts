import type { Rng } from '../random/rng.ts';
import type { Posture, PostureSegment, PostureState } from './night-plan.ts';

/** Roll about the shank for each posture (see {@link PostureState.rollDeg}). */
const ROLL_DEG: Record<Posture, number> = { supine: 0, left_side: 90, prone: 180, right_side: -90 };
const POSTURES: readonly Posture[] = ['supine', 'left_side', 'right_side', 'prone'];
const WEIGHTS: readonly number[] = [0.4, 0.25, 0.25, 0.1];

/**
 * A posture with this night's particulars. On the side the flexion axis stays within 20° of
 * vertical (ankle angle unobservable); prone sleepers mostly point their feet (20-45°).
 */
export function drawPostureState(rng: Rng, posture: Posture): PostureState {
  const side = posture === 'left_side' || posture === 'right_side';
  let footPfDeg: number;
  if (posture === 'prone') footPfDeg = rng.chance(0.7) ? rng.uniform(20, 45) : rng.uniform(5, 15);
  else if (side) footPfDeg = rng.uniform(0, 30);
  else footPfDeg = rng.uniform(-3, 12);
  return {
    posture,
    rollDeg: ROLL_DEG[posture] + (side ? rng.uniform(-20, 20) : rng.uniform(-12, 12)),
    elevDeg: posture === 'supine' ? rng.uniform(0, 15) : rng.uniform(-3, 8),
    footPfDeg,
    humFactor: rng.logUniform(0.5, 2),
    restFactor: rng.uniform(0.9, 1.15),
  };
}

export function drawFirstPosture(rng: Rng): Posture {
  return pickWeighted(rng, POSTURES, WEIGHTS);
}

export function drawNextPosture(rng: Rng, current: Posture): Posture {
  const weights = POSTURES.map((p, i) => (p === current ? 0 : WEIGHTS[i]!));
  return pickWeighted(rng, POSTURES, weights);
}

/** The posture state at `tMs` (the state turned to, inside a turn). Segments are sorted and contiguous. */
export function postureAt(segments: readonly PostureSegment[], tMs: number): PostureState {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.startMs <= tMs) lo = mid;
    else hi = mid - 1;
  }
  const seg = segments[lo];
  if (!seg) throw new RangeError('no posture planned');
  return seg.to;
}

function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}
