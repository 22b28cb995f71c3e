import type { CrampWatchEvent, DeviceId, EpochMs } from '../protocol/index.ts';
import { type NightBounds, type NightDate, nightBounds, nightOf, nightsBetween } from './nights.ts';
import { type CoverageQuarter, QUARTER_MS, type Store, type TimelineBucket } from './store.ts';

/** The cramps of one night. */
export interface CrampFigures {
  readonly count: number;
  readonly totalMs: number;
  readonly longestMs: number;
  /** Start of the night's first cramp, or null when there was none. */
  readonly firstOnsetMs: EpochMs | null;
}

/** One night at a glance: the morning view's row and the nights list of the API. */
export interface NightSummary extends NightBounds {
  readonly date: NightDate;
  readonly cramps: CrampFigures;
  readonly spasms: number;
  /** Series of periodic limb movements (kind `plm`). */
  readonly plms: number;
  /** Time held plantar flexed (`plantar_flexion` events), clipped to the night. */
  readonly plantarFlexedMinutes: number;
  /** Time with an electrode off the skin (`lead_off` events), clipped to the night. */
  readonly leadOffMinutes: number;
  /** Fraction (0–1) of the night's seconds with data. */
  readonly coverage: number;
  readonly dataMinutes: number;
}

export interface NightsSummaryOptions {
  /** First night; absent: the first night with data or events. */
  readonly from?: NightDate;
  /** Last night (included); absent: the night `nowMs` is in. */
  readonly to?: NightDate;
  /** The clock (injectable for tests): ends open events and picks the default last night. */
  readonly nowMs?: EpochMs;
}

/**
 * A night's timeline and its events, for the night view. The buckets span the quarter hours of
 * the night that have data (not the whole night), so the points are spent where there is data.
 */
export interface NightTimeline extends NightBounds {
  readonly date: NightDate;
  readonly buckets: TimelineBucket[];
  /** Every event that overlaps the night, by start. */
  readonly events: CrampWatchEvent[];
}

const MINUTE_MS = 60_000;

/**
 * One row per night from `from` to `to` that has data or events, oldest first. It asks the store
 * twice in all, whatever the number of nights — one events query and one coverage query (96
 * quarter-hour rows a night) — so 90 nights cost about what one does.
 *
 * A counted event (cramp, spasm, PLM series) belongs to the night its start falls in; interval
 * figures (plantar flexion, lead-off) are clipped to each night they cross. An event still open
 * (`end` null) is taken to last as long as the data that follows its start without a break of a
 * quarter hour (coverage's resolution), and never past `nowMs`: a band that went silent in the
 * middle of a cramp does not leave a cramp growing for days.
 */
export async function nightsSummary(
  store: Store,
  device: DeviceId,
  tz: string,
  options: NightsSummaryOptions = {},
): Promise<NightSummary[]> {
  const nowMs = options.nowMs ?? Date.now();
  const last = options.to ?? nightOf(nowMs, tz);
  const fromMs = options.from === undefined ? 0 : nightBounds(options.from, tz).fromMs;
  const toMs = nightBounds(last, tz).toMs;
  if (!(toMs > fromMs)) return [];
  const [events, quarters] = await Promise.all([
    store.events(device, fromMs, toMs),
    store.coverage(device, fromMs, toMs),
  ]);
  const first = options.from ?? firstNightWithAnything(events, quarters, tz);
  if (first === undefined) return [];
  const nights = nightsBetween(first, last).map((date) => new NightTally(date, nightBounds(date, tz)));
  addCoverage(nights, quarters);
  const runs = dataRuns(quarters);
  for (const event of events) {
    // An open event begun before the range lasts at least as long as the data at the range's start.
    const dataEndMs = dataEndAfter(runs, Math.max(event.start, fromMs));
    addEvent(nights, event, event.end ?? Math.max(event.start, Math.min(nowMs, dataEndMs)));
  }
  return nights.filter((n) => n.hasAnything()).map((n) => n.summary());
}

/** The night's timeline at `points` buckets and every event overlapping it. */
export async function nightTimeline(
  store: Store,
  device: DeviceId,
  tz: string,
  date: NightDate,
  points: number,
): Promise<NightTimeline> {
  const { fromMs, toMs } = nightBounds(date, tz);
  // The points go where the data is: a band worn 8 hours of the 24 gets buckets three times finer
  // than if they were spread over the whole noon-to-noon span. Coverage is 96 rows a night.
  const [quarters, events] = await Promise.all([
    store.coverage(device, fromMs, toMs),
    store.events(device, fromMs, toMs),
  ]);
  const first = quarters[0];
  const last = quarters[quarters.length - 1];
  const buckets =
    first && last
      ? await store.timeline(device, Math.max(fromMs, first.t), Math.min(toMs, last.t + QUARTER_MS), points)
      : [];
  return { date, fromMs, toMs, buckets, events };
}

/** What one night adds up to while the events and quarters are walked. */
class NightTally {
  dataSeconds = 0;
  eventsStarted = 0;
  cramps = 0;
  crampMs = 0;
  longestCrampMs = 0;
  firstOnsetMs: EpochMs | null = null;
  spasms = 0;
  plms = 0;
  plantarFlexedMs = 0;
  leadOffMs = 0;

  constructor(
    readonly date: NightDate,
    readonly bounds: NightBounds,
  ) {}

  hasAnything(): boolean {
    return this.dataSeconds > 0 || this.eventsStarted > 0 || this.plantarFlexedMs > 0 || this.leadOffMs > 0;
  }

  summary(): NightSummary {
    const { fromMs, toMs } = this.bounds;
    return {
      date: this.date,
      fromMs,
      toMs,
      cramps: {
        count: this.cramps,
        totalMs: this.crampMs,
        longestMs: this.longestCrampMs,
        firstOnsetMs: this.firstOnsetMs,
      },
      spasms: this.spasms,
      plms: this.plms,
      plantarFlexedMinutes: this.plantarFlexedMs / MINUTE_MS,
      leadOffMinutes: this.leadOffMs / MINUTE_MS,
      coverage: (this.dataSeconds * 1000) / (toMs - fromMs),
      dataMinutes: (this.dataSeconds * 1000) / MINUTE_MS,
    };
  }
}

function firstNightWithAnything(
  events: readonly CrampWatchEvent[],
  quarters: readonly CoverageQuarter[],
  tz: string,
): NightDate | undefined {
  const starts = [events[0]?.start, quarters[0]?.t].filter((t): t is number => t !== undefined);
  return starts.length === 0 ? undefined : nightOf(Math.min(...starts), tz);
}

/** Quarters are in order and nights start on quarter boundaries: one walk assigns them all. */
function addCoverage(nights: readonly NightTally[], quarters: readonly CoverageQuarter[]): void {
  let i = 0;
  for (const q of quarters) {
    while (i < nights.length && q.t >= nights[i]!.bounds.toMs) i++;
    const night = nights[i];
    if (night === undefined) return;
    if (q.t >= night.bounds.fromMs) night.dataSeconds += q.seconds;
  }
}

function addEvent(nights: readonly NightTally[], event: CrampWatchEvent, endMs: EpochMs): void {
  const at = nightIndexOf(nights, event.start);
  const night = nights[at];
  if (night !== undefined) countEvent(night, event, Math.max(0, endMs - event.start));
  if (event.kind !== 'plantar_flexion' && event.kind !== 'lead_off') return;
  // An interval may begin before the first night listed, and cross into the nights that follow.
  for (let i = Math.max(0, at); i < nights.length && nights[i]!.bounds.fromMs < endMs; i++) {
    const n = nights[i]!;
    const ms = Math.max(0, Math.min(endMs, n.bounds.toMs) - Math.max(event.start, n.bounds.fromMs));
    if (event.kind === 'plantar_flexion') n.plantarFlexedMs += ms;
    else n.leadOffMs += ms;
  }
}

function countEvent(night: NightTally, event: CrampWatchEvent, durationMs: number): void {
  night.eventsStarted++;
  if (event.kind === 'cramp') {
    night.cramps++;
    night.crampMs += durationMs;
    night.longestCrampMs = Math.max(night.longestCrampMs, durationMs);
    if (night.firstOnsetMs === null || event.start < night.firstOnsetMs) night.firstOnsetMs = event.start;
  } else if (event.kind === 'spasm') {
    night.spasms++;
  } else if (event.kind === 'plm') {
    night.plms++;
  }
}

/** Index of the night containing `ms` (nights are contiguous): -1 before the first, length after the last. */
function nightIndexOf(nights: readonly NightTally[], ms: EpochMs): number {
  let lo = 0;
  let hi = nights.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nights[mid]!.bounds.toMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo < nights.length && ms < nights[lo]!.bounds.fromMs ? -1 : lo;
}

/** Stretches of consecutive quarters with data, [fromMs, toMs), in order. */
function dataRuns(quarters: readonly CoverageQuarter[]): Array<{ fromMs: EpochMs; toMs: EpochMs }> {
  const runs: Array<{ fromMs: EpochMs; toMs: EpochMs }> = [];
  for (const q of quarters) {
    const run = runs[runs.length - 1];
    if (run !== undefined && run.toMs === q.t) run.toMs = q.t + QUARTER_MS;
    else runs.push({ fromMs: q.t, toMs: q.t + QUARTER_MS });
  }
  return runs;
}

/** End of the run of data that holds `ms`; `ms` itself when there was no data then. */
function dataEndAfter(runs: ReadonlyArray<{ fromMs: EpochMs; toMs: EpochMs }>, ms: EpochMs): EpochMs {
  const run = runs.find((r) => r.fromMs <= ms && ms < r.toMs);
  return run === undefined ? ms : run.toMs;
}
