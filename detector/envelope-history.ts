/**
 * The last few minutes of smoothed envelope and shank movement, one slot per epoch, for looking back:
 * a cramp's onset is back-dated and its "leg still at onset" checked after the fact.
 */
export class EnvelopeHistory {
  private readonly env: Float32Array;
  private readonly movementMg: Float32Array;
  private readonly time: Float64Array;
  private head = -1;
  private size = 0;

  constructor(readonly capacity: number) {
    this.env = new Float32Array(capacity);
    this.movementMg = new Float32Array(capacity);
    this.time = new Float64Array(capacity);
  }

  push(timeMs: number, envelopeUv: number, movementMg: number): void {
    this.head = (this.head + 1) % this.capacity;
    this.env[this.head] = envelopeUv;
    this.movementMg[this.head] = movementMg;
    this.time[this.head] = timeMs;
    this.size = Math.min(this.size + 1, this.capacity);
  }

  /** How many epochs are held. */
  get length(): number {
    return this.size;
  }

  /** `back` epochs before the newest (0 is the newest). */
  envAt(back: number): number {
    return this.env[this.slot(back)]!;
  }

  timeAt(back: number): number {
    return this.time[this.slot(back)]!;
  }

  movementAt(back: number): number {
    return this.movementMg[this.slot(back)]!;
  }

  /** Whether the leg moved more than `thresholdMg` in any epoch with time in [fromMs, toMs]. */
  anyMovingBetween(fromMs: number, toMs: number, thresholdMg: number): boolean {
    for (let back = 0; back < this.size; back++) {
      const t = this.timeAt(back);
      if (t < fromMs) break;
      if (t <= toMs && this.movementAt(back) > thresholdMg) return true;
    }
    return false;
  }

  private slot(back: number): number {
    return (this.head - back + this.capacity) % this.capacity;
  }
}
