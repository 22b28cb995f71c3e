/**
 * The shapes the service answers with, as `docs/api.md` describes them (the dashboard talks to
 * the service over HTTP only, so it keeps its own copy). Times are Unix milliseconds, UTC.
 */

/** An event of `shared/spec/events-and-recordings.md`; kinds and fields it does not know are kept. */
export interface CrampWatchEvent {
  readonly id: string;
  readonly device: string;
  readonly kind: string;
  readonly start: number;
  /** Null while the event is going on. */
  readonly end: number | null;
  readonly late: boolean;
  readonly peakUv?: number;
  readonly baselineUv?: number;
  readonly angleDeg?: number | null;
  readonly confidence?: number;
  readonly [field: string]: unknown;
}

export type Foot = 'plantar_flexed' | 'neutral' | 'unknown';
export type SignalQuality = 'good' | 'noisy' | 'lead_off';

/** The latest second a band sent (`DeviceView.live`, and the WebSocket's `summary`). */
export interface LiveSecond {
  /** Band time of the second. */
  readonly at: number;
  readonly quality: SignalQuality;
  readonly envUv: number;
  readonly baselineUv: number | null;
  readonly movementMg: number;
  readonly foot: Foot;
  readonly flexionDeg: number | null;
  readonly posture: string;
}

export interface DeviceView {
  readonly id: string;
  readonly name: string | null;
  readonly side: 'left' | 'right' | null;
  /** The device's IANA time zone, or the service default. */
  readonly tz: string;
  readonly lastSeen: number | null;
  readonly online: boolean | null;
  /** 0–1. */
  readonly battery: number | null;
  readonly fw: string | null;
  readonly leadOff: boolean | null;
  readonly live: LiveSecond | null;
  readonly activeEvents: readonly CrampWatchEvent[];
}

/** A night's figures (`storage/night-summary.ts`). */
export interface NightSummary {
  /** The evening's date, YYYY-MM-DD: the night runs noon to noon in the device's zone. */
  readonly date: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly cramps: {
    readonly count: number;
    readonly totalMs: number;
    readonly longestMs: number;
    readonly firstOnsetMs: number | null;
  };
  readonly spasms: number;
  readonly plms: number;
  readonly plantarFlexedMinutes: number;
  readonly leadOffMinutes: number;
  /** 0–1. */
  readonly coverage: number;
  readonly dataMinutes: number;
}

/** One downsampled stretch of the timeline (`storage/store.ts`); stretches without data are absent. */
export interface TimelineBucket {
  readonly t: number;
  readonly seconds: number;
  readonly envUv: { readonly min: number; readonly max: number; readonly mean: number };
  readonly movementMg: { readonly min: number; readonly max: number };
  readonly flexionDeg: { readonly min: number; readonly max: number; readonly mean: number } | null;
  readonly leadOffSeconds: number;
  readonly plantarFlexedSeconds: number;
}

export interface NightsResponse {
  readonly device: string;
  readonly tz: string;
  readonly nights: readonly NightSummary[];
}

export interface NightResponse {
  readonly device: string;
  readonly tz: string;
  readonly date: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly summary: NightSummary | null;
  readonly buckets: readonly TimelineBucket[];
  readonly events: readonly CrampWatchEvent[];
}
