/**
 * The band protocol's ankle angle ("Axes"): sagittal pitch `atan2(z, x)` of each sensor, ankle
 * angle = pitch_foot - pitch_shank wrapped into (-180°, 180°]. 90° is neutral; plantar flexion
 * makes it larger.
 */
export function pitchDeg(x: number, z: number): number {
  return (Math.atan2(z, x) * 180) / Math.PI;
}

export function ankleAngleDeg(shankX: number, shankZ: number, footX: number, footZ: number): number {
  return wrap180(pitchDeg(footX, footZ) - pitchDeg(shankX, shankZ));
}

/** Wraps degrees into (-180, 180]. */
export function wrap180(deg: number): number {
  let d = deg % 360;
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}
