import type { EpochMs } from '../protocol/index.ts';

/**
 * A night's name: the local date ('YYYY-MM-DD') of the noon it starts at. A night runs from noon
 * to noon in the wearer's time zone, so that one sleep, however late it starts or ends, is one
 * night; it is 24 hours long except across a daylight-saving change (23 or 25 hours).
 */
export type NightDate = string;

/** The instants a night covers: [fromMs, toMs), local noon to the next local noon. */
export interface NightBounds {
  readonly fromMs: EpochMs;
  readonly toMs: EpochMs;
}

const NIGHT_STARTS_AT_HOUR = 12;
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Building a DateTimeFormat costs far more than using one; zones in use are a handful.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** True when `tz` is a time zone this runtime knows (an IANA name such as `Europe/Berlin`). */
export function isValidTimeZone(tz: string): boolean {
  try {
    formatterOf(tz);
    return true;
  } catch {
    return false;
  }
}

function localTime(ms: EpochMs, tz: string): LocalTime {
  const fields: Record<string, number> = {};
  for (const part of formatterOf(tz).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields['year'] ?? Number.NaN,
    month: fields['month'] ?? Number.NaN,
    day: fields['day'] ?? Number.NaN,
    hour: fields['hour'] ?? Number.NaN,
    minute: fields['minute'] ?? Number.NaN,
    second: fields['second'] ?? Number.NaN,
  };
}

/** How far local time in `tz` is ahead of UTC at the instant `ms`. */
function offsetMs(ms: EpochMs, tz: string): number {
  const l = localTime(ms, tz);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant at which the wall clock in `tz` reads the given local time (as UTC fields). The
 * offset is looked up at a first guess and again at the result, which settles it on either side
 * of a daylight-saving change.
 */
function instantOfLocal(wallMs: number, tz: string): EpochMs {
  const guess = wallMs - offsetMs(wallMs, tz);
  return wallMs - offsetMs(guess, tz);
}

/** The night `ms` falls in: before local noon it belongs to the night that began the day before. */
export function nightOf(ms: EpochMs, tz: string): NightDate {
  const l = localTime(ms, tz);
  const date = Date.UTC(l.year, l.month - 1, l.day);
  return formatDate(l.hour < NIGHT_STARTS_AT_HOUR ? date - DAY_MS : date);
}

/** Local noon of `date` to local noon of the day after, in `tz`. Throws on a malformed date. */
export function nightBounds(date: NightDate, tz: string): NightBounds {
  const day = parseNightDate(date);
  const noon = NIGHT_STARTS_AT_HOUR * 3_600_000;
  return {
    fromMs: instantOfLocal(day + noon, tz),
    toMs: instantOfLocal(day + DAY_MS + noon, tz),
  };
}

/** The night `days` after (or, negative, before) `date`. */
export function addNights(date: NightDate, days: number): NightDate {
  return formatDate(parseNightDate(date) + days * DAY_MS);
}

/** Every night from `first` to `last`, both included, in order (empty when `last` is before `first`). */
export function nightsBetween(first: NightDate, last: NightDate): NightDate[] {
  const nights: NightDate[] = [];
  const end = parseNightDate(last);
  for (let day = parseNightDate(first); day <= end; day += DAY_MS) nights.push(formatDate(day));
  return nights;
}

/** The nights that overlap [fromMs, toMs) in `tz`, in order. */
export function nightsOverlapping(fromMs: EpochMs, toMs: EpochMs, tz: string): NightDate[] {
  return toMs > fromMs ? nightsBetween(nightOf(fromMs, tz), nightOf(toMs - 1, tz)) : [];
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isNightDate(value: string): boolean {
  const m = DATE_PATTERN.exec(value);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Midnight UTC of the date's calendar day: the date as a number to count days with. */
function parseNightDate(date: NightDate): number {
  if (!isNightDate(date)) throw new RangeError(`not a night date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return Date.parse(`${date}T00:00:00Z`);
}

function formatDate(utcMidnight: number): NightDate {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}
