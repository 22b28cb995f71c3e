import { Counter, Gauge, type Registry } from 'prom-client';
import type { DeviceId, RejectCode } from '../protocol/index.ts';

/** Label for messages whose topic names no valid device. */
export const UNKNOWN_DEVICE = '_unknown';
/** Label for devices past the cardinality cap. */
export const OTHER_DEVICES = '_other';

type Child = { inc(n?: number): void };

/**
 * Increments of one series, added up in a plain number and handed to prom-client when the
 * registry is read: prom-client hashes the labels on every `inc`, a few percent of a drain.
 */
class PendingCount implements Child {
  private pending = 0;
  private touched = false;

  constructor(private readonly series: Child) {}

  inc(n = 1): void {
    this.pending += n;
    this.touched = true;
  }

  flush(): void {
    if (!this.touched) return;
    this.series.inc(this.pending);
    this.pending = 0;
    this.touched = false;
  }
}

/**
 * The ingest's Prometheus counters, per device (capped at `maxDevices` labels so that garbage
 * topics cannot blow up the series count). Children are cached and per-device counts are added
 * up locally until the registry is read: nothing is hashed per frame.
 */
/** Devices whose totals are kept for the store (far above any one service's bands). */
const MAX_TOTALS_DEVICES = 100_000;

export class IngestMetrics {
  private readonly accepted: Counter<'device'>;
  private readonly late: Counter<'device'>;
  private readonly rejected: Counter<'device' | 'reason'>;
  private readonly duplicates: Counter<'device'>;
  private readonly gaps: Counter<'device'>;
  private readonly missingFrames: Counter<'device'>;
  private readonly reboots: Counter<'device'>;
  private readonly statuses: Counter<'device'>;
  readonly connected: Gauge;
  private readonly children = new Map<Counter<'device'>, Map<string, PendingCount>>();
  private readonly rejectedChildren = new Map<string, Child>();
  private readonly devices = new Set<string>();
  /** Plain per-device totals, for storing snapshots (the store keeps the history Prometheus may not). */
  private readonly totals = new Map<DeviceId, Record<string, number>>();

  constructor(
    registry: Registry,
    private readonly maxDevices = 1000,
  ) {
    const registers = [registry];
    const perDevice = (name: string, help: string) => {
      const cache = new Map<string, PendingCount>();
      const collect = () => {
        for (const child of cache.values()) child.flush();
      };
      const counter = new Counter({ name, help, labelNames: ['device'] as const, registers, collect });
      this.children.set(counter, cache);
      return counter;
    };
    this.accepted = perDevice('crampwatch_frames_accepted_total', 'Frames accepted and handed on');
    this.late = perDevice('crampwatch_frames_late_total', 'Accepted frames that arrived late');
    this.duplicates = perDevice(
      'crampwatch_frames_duplicate_total',
      'Frames dropped as duplicates (same boot and seq)',
    );
    this.gaps = perDevice('crampwatch_frame_gaps_total', 'Jumps in seq: gaps recorded');
    this.missingFrames = perDevice('crampwatch_frames_missing_total', 'Frames missing in recorded gaps');
    this.reboots = perDevice('crampwatch_band_reboots_total', 'Band restarts noticed (new boot id)');
    this.statuses = perDevice('crampwatch_status_messages_total', 'Status messages accepted');
    this.rejected = new Counter({
      name: 'crampwatch_frames_rejected_total',
      help: 'Messages rejected, by the protocol rule they broke',
      labelNames: ['device', 'reason'] as const,
      registers,
    });
    this.connected = new Gauge({
      name: 'crampwatch_mqtt_connected',
      help: '1 while connected to the broker',
      registers,
    });
  }

  frameAccepted(device: DeviceId, late: boolean): void {
    this.total(device, 'frames');
    if (late) this.total(device, 'lateFrames');
    this.child(this.accepted, device).inc();
    if (late) this.child(this.late, device).inc();
  }

  gap(device: DeviceId, missingFrames: number): void {
    this.total(device, 'gaps');
    this.total(device, 'missingFrames', missingFrames);
    this.child(this.gaps, device).inc();
    this.child(this.missingFrames, device).inc(missingFrames);
  }

  duplicate(device: DeviceId): void {
    this.total(device, 'duplicates');
    this.child(this.duplicates, device).inc();
  }

  reboot(device: DeviceId): void {
    this.total(device, 'reboots');
    this.child(this.reboots, device).inc();
  }

  status(device: DeviceId): void {
    this.total(device, 'statuses');
    this.child(this.statuses, device).inc();
  }

  rejectedMessage(device: DeviceId | undefined, reason: RejectCode): void {
    if (device !== undefined) this.total(device, 'rejected');
    const label = device === undefined ? UNKNOWN_DEVICE : this.deviceLabel(device);
    const key = `${label}\u0000${reason}`;
    let child = this.rejectedChildren.get(key);
    if (!child) {
      child = this.rejected.labels({ device: label, reason });
      this.rejectedChildren.set(key, child);
    }
    child.inc();
  }

  /** Each device's totals since the service started (a copy). */
  deviceTotals(): Array<{ device: DeviceId; counts: Record<string, number> }> {
    return [...this.totals].map(([device, counts]) => ({ device, counts: { ...counts } }));
  }

  private total(device: DeviceId, name: string, n = 1): void {
    let counts = this.totals.get(device);
    if (!counts) {
      if (this.totals.size >= MAX_TOTALS_DEVICES) return;
      counts = {};
      this.totals.set(device, counts);
    }
    counts[name] = (counts[name] ?? 0) + n;
  }

  private child(counter: Counter<'device'>, device: DeviceId): Child {
    const cache = this.children.get(counter)!; // every per-device counter has one (constructor)
    const label = this.deviceLabel(device);
    let child = cache.get(label);
    if (!child) {
      child = new PendingCount(counter.labels({ device: label }));
      cache.set(label, child);
    }
    return child;
  }

  private deviceLabel(device: DeviceId): string {
    if (this.devices.has(device)) return device;
    if (this.devices.size >= this.maxDevices) return OTHER_DEVICES;
    this.devices.add(device);
    return device;
  }
}
