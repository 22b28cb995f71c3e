import type uPlot from 'uplot';
import { formatClock, formatDayMonth, formatHourMinute } from './format/zoned-time.ts';

/**
 * Time-axis labels in the wearer's zone and 24-hour clock (as everywhere else on the page),
 * as precise as the tick spacing needs: seconds when zoomed in close, days across weeks.
 */
export function timeAxisValues(tz: string): uPlot.Axis.DynamicValues {
  return (_u, splits, _axisIdx, _space, incrS) =>
    splits.map((s) => {
      const ms = s * 1000;
      if (incrS >= 86_400) return formatDayMonth(ms, tz);
      return incrS < 60 ? formatClock(ms, tz) : formatHourMinute(ms, tz);
    });
}

/** The legend's time at the cursor, to the second. */
export function clockValue(tz: string): uPlot.Series.Value {
  // uPlot passes null (typed as number) where the cursor is off the data.
  return (_u, value) => (value == null ? '—' : formatClock(value * 1000, tz));
}

/** The legend's night at the cursor, as a day and month. */
export function dayValue(tz: string): uPlot.Series.Value {
  return (_u, value) => (value == null ? '—' : formatDayMonth(value * 1000, tz));
}
