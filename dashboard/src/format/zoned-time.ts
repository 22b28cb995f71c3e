/**
 * Times shown in the wearer's time zone (the device's `tz`), not the browser's: a night
 * reviewed while travelling still reads as it was lived.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: tz, ...options });
    formatters.set(key, f);
  }
  return f;
}

/** "23:41:07" in `tz`. */
export function formatClock(ms: number, tz: string): string {
  return formatter(tz, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(
    ms,
  );
}

/** "Tue 25 Nov" for a night's date (YYYY-MM-DD, the evening), read as a calendar date. */
export function formatNightDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return formatter('UTC', { weekday: 'short', day: 'numeric', month: 'short' }).format(utc);
}

/** The calendar date (YYYY-MM-DD) in `tz` at `ms`. */
export function dateIn(ms: number, tz: string): string {
  const parts = formatter(tz, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ms);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/** "23:41" in `tz`. */
export function formatHourMinute(ms: number, tz: string): string {
  return formatter(tz, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

/** "25 Nov" in `tz`. */
export function formatDayMonth(ms: number, tz: string): string {
  return formatter(tz, { day: 'numeric', month: 'short' }).format(ms);
}
