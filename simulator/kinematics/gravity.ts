import type { Pose } from './pose-track.ts';

const DEG = Math.PI / 180;
/** At rest each accelerometer reads +1000 mg pointing up (band protocol, "The band"). */
const G_MG = 1000;

/** Noise-free accelerometer readings, mg, shank then foot: `[sx, sy, sz, fx, fy, fz]`. */
export type Readings = Float64Array;

/**
 * What the shank and foot sensors read at rest in a pose. "Up" in the leg's frame is
 * `(sin e, -cos e sin r, -cos e cos r)` for shank elevation e and roll r (supine: (0, 0, -1);
 * lying on the left side: -y, since y points to the wearer's left). Each sensor's reading is that
 * vector turned about the flexion axis y by its pitch: the shank's by its mounting offset, the
 * foot's by 90° + plantar flexion + its own offset; so the protocol's formula gives back
 * 90° + plantar flexion + footMount - shankMount (protocol, "Axes": supine, neutral foot reads
 * (1000, 0, 0)).
 */
export function restingReadings(
  pose: Pose,
  shankMountDeg: number,
  footMountDeg: number,
  out: Readings,
): Readings {
  const e = pose.elevDeg * DEG;
  const r = pose.rollDeg * DEG;
  const upX = Math.sin(e);
  const upY = -Math.cos(e) * Math.sin(r);
  const upZ = -Math.cos(e) * Math.cos(r);
  const legPitch = Math.atan2(upZ, upX);
  const xz = Math.hypot(upX, upZ) * G_MG;
  const shankPitch = legPitch + shankMountDeg * DEG;
  const footPitch = legPitch + (90 + pose.anklePfDeg + footMountDeg) * DEG;
  out[0] = xz * Math.cos(shankPitch);
  out[1] = upY * G_MG;
  out[2] = xz * Math.sin(shankPitch);
  out[3] = xz * Math.cos(footPitch);
  out[4] = upY * G_MG;
  out[5] = xz * Math.sin(footPitch);
  return out;
}

/**
 * Whether the ankle angle can be read from gravity: the flexion axis at least 30° from vertical
 * (the shank's x-z plane holds >= 500 mg of the 1000), the leg still, and a foot clip worn.
 */
export function isAngleObservable(readings: Readings, moving: boolean, hasFoot: boolean): boolean {
  return hasFoot && !moving && Math.hypot(readings[0]!, readings[2]!) >= G_MG / 2;
}
