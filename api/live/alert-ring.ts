import type { DeviceId } from '../../protocol/index.ts';

/** An alert as the ring holds it: its number, its device (for filtering) and its message, serialised once. */
export interface RingedAlert {
  readonly seq: number;
  readonly device: DeviceId;
  readonly json: string;
}

/**
 * The last `capacity` alerts, numbered from 1 by a counter that only goes up, so that a client
 * that reconnects with the last `seq` it saw is sent exactly what it missed (docs/api.md, "Live").
 * Fixed memory: the oldest alert is overwritten by the newest.
 */
export class AlertRing {
  private readonly slots: Array<RingedAlert | undefined>;
  private latest = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.slots = new Array(capacity);
  }

  /** The `seq` of the newest alert; 0 before the first. */
  get latestSeq(): number {
    return this.latest;
  }

  /** Numbers the next alert, stores what `message(seq)` serialises, and returns it. */
  push(device: DeviceId, message: (seq: number) => string): RingedAlert {
    const seq = ++this.latest;
    const alert = { seq, device, json: message(seq) };
    this.slots[seq % this.capacity] = alert;
    return alert;
  }

  /** The alerts still held whose `seq` is above `seq`, oldest first. */
  after(seq: number): RingedAlert[] {
    const first = Math.max(seq + 1, this.latest - this.capacity + 1, 1);
    const alerts: RingedAlert[] = [];
    for (let s = first; s <= this.latest; s++) alerts.push(this.slots[s % this.capacity]!);
    return alerts;
  }
}
