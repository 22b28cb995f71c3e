import type { SecondQuality, SecondSummary } from '../detector/index.ts';
import type { CrampWatchEvent, DeviceId, EpochMs } from '../protocol/index.ts';

/**
 * The one storage interface (issue 4). Two implementations pass one contract suite
 * (`tests/storage/store-contract.ts`): InfluxDB over its v1 HTTP API (`influx/`) and the
 * embedded SQLite store (`sqlite/`). Every write is idempotent: writing the same records again
 * (a replayed night, a spool flushed twice after a crash) changes nothing.
 */
export interface Store {
  /** A short name for logs and health: `influxdb` or `sqlite`. */
  readonly kind: string;
  /**
   * Makes the records durable, in order. Rejects (with an error that names the cause) when they
   * could not all be stored; then none or some may be, and writing them again is safe.
   */
  write(records: readonly StoreRecord[]): Promise<void>;
  /** Every known device, by id. */
  devices(): Promise<DeviceRecord[]>;
  device(id: DeviceId): Promise<DeviceRecord | undefined>;
  /** Sets what the wearer chose for a device (creating it if unknown); returns the result. */
  updateDevice(id: DeviceId, settings: DeviceSettings): Promise<DeviceRecord>;
  /**
   * Events of one device that overlap [fromMs, toMs) (an event still open overlaps everything
   * after its start), ordered by start then kind; `kinds` limits the kinds.
   */
  events(
    device: DeviceId,
    fromMs: EpochMs,
    toMs: EpochMs,
    kinds?: readonly string[],
  ): Promise<CrampWatchEvent[]>;
  /**
   * The per-second signal summary over [fromMs, toMs) downsampled to at most `points` buckets of
   * equal width (a whole number of seconds), keeping peaks: min and max per bucket. Buckets with
   * no data are left out (a gap is absence, never a zero).
   */
  timeline(device: DeviceId, fromMs: EpochMs, toMs: EpochMs, points: number): Promise<TimelineBucket[]>;
  /**
   * Per quarter hour of [fromMs, toMs), the seconds with data: the nights summary's coverage
   * without reading every second. Quarters with no
   * data are left out. Quarters start at multiples of 15 minutes UTC, which are quarter hours
   * in every time zone in use, so a local noon is always a quarter boundary.
   */
  coverage(device: DeviceId, fromMs: EpochMs, toMs: EpochMs): Promise<CoverageQuarter[]>;
  /** Ingest counters snapshots of one device in [fromMs, toMs), oldest first. */
  counters(device: DeviceId, fromMs: EpochMs, toMs: EpochMs): Promise<CountersRecord[]>;
  close(): Promise<void>;
}

/** What the pipeline writes. */
export type StoreRecord =
  | { readonly type: 'event'; readonly event: CrampWatchEvent }
  | { readonly type: 'second'; readonly second: SignalSecond }
  | { readonly type: 'status'; readonly status: DeviceStatusRecord }
  | { readonly type: 'counters'; readonly counters: CountersRecord };

/** Signal quality of one second, worst first. */
export type SignalQuality = SecondQuality;

/**
 * One second of one band's signal, as the detector saw it (`detector/second-summary.ts`): the
 * timeline's raw material, identified by (device, t). Written for every second with data;
 * seconds without data (gaps, band off) have no record.
 */
export type SignalSecond = SecondSummary;

/** One downsampled bucket of the timeline: min and max keep peaks, mean keeps the level. */
export interface TimelineBucket {
  /** Start of the bucket. */
  readonly t: EpochMs;
  /** Seconds of data in the bucket. */
  readonly seconds: number;
  readonly envUv: { readonly min: number; readonly max: number; readonly mean: number };
  readonly movementMg: { readonly min: number; readonly max: number };
  /** Null when the angle was never observable in the bucket. */
  readonly flexionDeg: { readonly min: number; readonly max: number; readonly mean: number } | null;
  /** Seconds in the bucket that were lead-off, and that were plantar-flexed. */
  readonly leadOffSeconds: number;
  readonly plantarFlexedSeconds: number;
}

export interface CoverageQuarter {
  /** Start of the quarter hour (multiple of 900 000 ms). */
  readonly t: EpochMs;
  /** Seconds of the quarter with a {@link SignalSecond} (0–900). */
  readonly seconds: number;
}

/** A band's status message as received, plus when it was last heard from at all. */
export interface DeviceStatusRecord {
  readonly device: DeviceId;
  /** When the status (or, for `seenOnly`, any frame) was received. */
  readonly t: EpochMs;
  /** True for a "last seen" update from frames: only `lastSeen` changes. */
  readonly seenOnly?: boolean;
  readonly online?: boolean;
  readonly battery?: number;
  readonly fw?: string;
  readonly side?: 'left' | 'right';
  readonly leadOff?: boolean;
}

/** What the wearer sets for a device (issue 5's PATCH); an absent field is left as it is, null clears. */
export interface DeviceSettings {
  readonly name?: string | null;
  readonly side?: 'left' | 'right' | null;
  /** IANA time zone name (validated by the caller). */
  readonly tz?: string | null;
}

/** A device as stored: what the band last said, and what the wearer set. */
export interface DeviceRecord {
  readonly id: DeviceId;
  readonly name: string | null;
  /** The wearer's choice, else what the band said, else null. */
  readonly side: 'left' | 'right' | null;
  /** IANA zone set for the device, or null (then the service default applies). */
  readonly tz: string | null;
  readonly lastSeen: EpochMs | null;
  readonly online: boolean | null;
  readonly battery: number | null;
  readonly fw: string | null;
  readonly leadOff: boolean | null;
}

/** A snapshot of one device's ingest counters (cumulative since the service started). */
export interface CountersRecord {
  readonly device: DeviceId;
  readonly t: EpochMs;
  readonly counts: Readonly<Record<string, number>>;
}

/** Quarter-hour length of {@link Store.coverage}. */
export const QUARTER_MS = 15 * 60 * 1000;
