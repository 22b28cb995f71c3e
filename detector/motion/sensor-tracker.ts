/**
 * Time constant of the slow gravity estimate that movement is measured against, ms. Slow enough
 * that leg movements in sleep (dynamic acceleration of a few hertz, 0.5-10 s) stand out against
 * it, fast enough that the estimate settles within ~4 s after a turn (1414 mg after a 90° roll
 * decays below 40 mg in ln(35) ≈ 3.6 time constants).
 */
export const GRAVITY_TAU_MS = 1000;
/**
 * Time constant of the short low-pass that posture and pitch read, ms: averages about 6 samples
 * at 10 Hz (noise /√6) and 60 at 200 Hz, and lags a still leg by well under a second.
 */
export const TILT_TAU_MS = 300;
/** At rest the vector reads 1000 mg (band protocol, "The band"). */
export const ONE_G_MG = 1000;
/**
 * Deviation of ‖a‖ from 1 g allowed before it counts as movement, mg: the zero-g offset and
 * sensitivity error of an uncalibrated consumer MEMS accelerometer (tens of mg) must not read
 * as a moving leg.
 */
export const NORM_TOLERANCE_MG = 50;

/**
 * One accelerometer's running state: the slow and short gravity low-passes (first-order IIR,
 * α = 1 − exp(−Δt/τ), updated per sample) and the current epoch's accumulators. Movement per
 * epoch is the mean ‖a − g_slow‖ over its samples plus whatever of |‖g_short‖ − 1 g| exceeds
 * {@link NORM_TOLERANCE_MG}: a still sensor reads its noise (≈ 1.6 σ for σ mg per axis).
 */
export class SensorTracker {
  /** Short low-pass of the vector, mg: posture and pitch read it. */
  x = 0;
  y = 0;
  z = 0;
  /** Whether the low-passes hold anything since the last restart. */
  started = false;
  /** Movement of the last finished epoch, mg (held through epochs without samples). */
  movementMg = 0;
  private gx = 0;
  private gy = 0;
  private gz = 0;
  private hz = 0;
  private slowAlpha = 0;
  private fastAlpha = 0;
  private devSum = 0;
  private count = 0;

  /** Forgets the gravity estimates (after a gap or a reboot); the next sample starts them. */
  restart(): void {
    this.started = false;
    this.movementMg = 0;
    this.devSum = 0;
    this.count = 0;
  }

  /**
   * Takes samples `from` on of interleaved `mg` (sample i at `t0Ms + i·1000/hz`) while they fall
   * before `endMs`; returns the index of the first sample not taken.
   */
  take(mg: Float32Array, hz: number, t0Ms: number, from: number, endMs: number): number {
    if (hz !== this.hz) this.setRate(hz);
    const n = mg.length / 3;
    const periodMs = 1000 / hz;
    let i = from;
    // Sample i is taken while t0 + i·period < end, i.e. i < (end − t0)/period.
    const stop = Math.min(n, Math.ceil((endMs - t0Ms) / periodMs - 1e-9));
    if (i >= stop) return i;
    if (!this.started) this.start(mg[3 * i]!, mg[3 * i + 1]!, mg[3 * i + 2]!);
    const sa = this.slowAlpha;
    const fa = this.fastAlpha;
    let { gx, gy, gz, x, y, z, devSum } = this;
    for (; i < stop; i++) {
      const ax = mg[3 * i]!;
      const ay = mg[3 * i + 1]!;
      const az = mg[3 * i + 2]!;
      const dx = ax - gx;
      const dy = ay - gy;
      const dz = az - gz;
      devSum += Math.sqrt(dx * dx + dy * dy + dz * dz);
      gx += sa * dx;
      gy += sa * dy;
      gz += sa * dz;
      x += fa * (ax - x);
      y += fa * (ay - y);
      z += fa * (az - z);
    }
    this.count += stop - from;
    this.gx = gx;
    this.gy = gy;
    this.gz = gz;
    this.x = x;
    this.y = y;
    this.z = z;
    this.devSum = devSum;
    return i;
  }

  /** Closes the epoch: sets and returns its movement, mg; with no samples in it, the last one's. */
  finishEpoch(): number {
    if (this.count > 0) {
      const normExcess =
        Math.abs(Math.sqrt(this.x * this.x + this.y * this.y + this.z * this.z) - ONE_G_MG) -
        NORM_TOLERANCE_MG;
      this.movementMg = this.devSum / this.count + Math.max(0, normExcess);
    }
    this.devSum = 0;
    this.count = 0;
    return this.movementMg;
  }

  private start(ax: number, ay: number, az: number): void {
    this.gx = this.x = ax;
    this.gy = this.y = ay;
    this.gz = this.z = az;
    this.started = true;
  }

  private setRate(hz: number): void {
    this.hz = hz;
    this.slowAlpha = 1 - Math.exp(-1000 / (hz * GRAVITY_TAU_MS));
    this.fastAlpha = 1 - Math.exp(-1000 / (hz * TILT_TAU_MS));
  }
}
