/**
 * The band protocol's ankle angle ("Axes"): sagittal pitch `atan2(z, x)` of each sensor, ankle
 * angle = pitch_foot − pitch_shank wrapped into (−180°, 180°]. 90° is neutral (before the
 * band's mounting offsets); plantar flexion makes it larger.
 */

const RAD_TO_DEG = 180 / Math.PI;

/**
 * Shortest projection of a gravity estimate onto the sensor's x-z (sagittal) plane, mg, for its
 * pitch to count. At 500 mg the flexion axis is ≥ 30° from vertical: the simulator's own
 * observability rule (`isAngleObservable`), so "unknown" means the same on both sides. There a
 * perpendicular error of e mg turns the pitch by e/500 rad: 10 mg of raw noise (a pessimistic
 * MEMS figure), which the 0.3 s low-pass of the gravity estimate cuts to ≤ 4 mg even at 10 Hz,
 * gives ≤ 0.5° per sensor, under 1° on the ankle: well inside the ~6° the notes accept. Side
 * lying puts the projection at ≤ 350 mg (roll within 20° of 90°), safely below.
 */
export const MIN_SAGITTAL_MG = 500;

/** Sagittal pitch of one sensor, degrees in (−180, 180]. */
export function pitchDeg(x: number, z: number): number {
  return Math.atan2(z, x) * RAD_TO_DEG;
}

/** Wraps degrees into (−180, 180]. */
export function wrap180(deg: number): number {
  let d = deg % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

/** Ankle angle from the shank's and the foot's x and z readings, degrees (90 neutral). */
export function ankleAngleDeg(shankX: number, shankZ: number, footX: number, footZ: number): number {
  return wrap180(pitchDeg(footX, footZ) - pitchDeg(shankX, shankZ));
}

/** Whether a sensor's pitch is defined: its x-z projection is at least `minMg` long. */
export function isPitchObservable(x: number, z: number, minMg: number = MIN_SAGITTAL_MG): boolean {
  return x * x + z * z >= minMg * minMg;
}
