import type { Posture } from '../epoch.ts';

/**
 * Shank x (toward the knee) at or above this fraction of the vector: the shank is within 45° of
 * vertical, knee up: standing or sitting ("upright"). Lying legs are within ~30° of horizontal.
 */
const UPRIGHT_X = Math.SQRT1_2;

/**
 * Lying posture from the shank's gravity estimate (band protocol, "Axes"). The sensor reads
 * +1000 mg pointing up; `y` points to the wearer's left and `z` out of the back of the calf.
 * Roll about the shank, `atan2(−y, −z)`: 0° supine (z ≈ −1000, calf down), 180° prone
 * (z ≈ +1000). Lying on the left side the wearer's left points down, so up is −y: y ≈ −1000,
 * roll +90° → `left`; y ≈ +1000, roll −90° → `right`. Sectors are 90° wide around each posture,
 * so the boundaries sit halfway (45°) between them. The caller decides when the leg moves too
 * much for any of this (`unknown`).
 */
export function classifyPosture(x: number, y: number, z: number): Posture {
  const norm = Math.sqrt(x * x + y * y + z * z);
  if (!(norm > 0)) return 'unknown';
  if (x >= UPRIGHT_X * norm) return 'upright';
  const roll = Math.atan2(-y, -z); // radians, (−π, π]
  const a = Math.abs(roll);
  if (a <= Math.PI / 4) return 'supine';
  if (a >= (3 * Math.PI) / 4) return 'prone';
  return roll > 0 ? 'left' : 'right';
}
