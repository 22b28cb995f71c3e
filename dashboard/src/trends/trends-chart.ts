import uPlot from 'uplot';
import { CHART } from '../chart-theme.ts';
import { dayValue, timeAxisValues } from '../chart-time.ts';
import type { TrendColumns } from './trend-columns.ts';

/** Cramps per night (bars, left axis) and minutes with the foot pointed (line, right axis). */
export function createTrendsChart(
  columns: TrendColumns,
  tz: string,
  rangeS: readonly [number, number],
  width: number,
): uPlot {
  const bars = uPlot.paths.bars?.({ size: [0.7, 28] });
  const opts: uPlot.Options = {
    width,
    height: 260,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), tz),
    // The whole period, not just the nights with data: a gap of weeks shows as one.
    scales: {
      x: { time: true, range: () => [rangeS[0], rangeS[1]] },
      cramps: { range: (_u, _min, max) => [0, Math.max(3, max + 1)] },
      min: {},
    },
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'Night', value: dayValue(tz) },
      {
        label: 'Cramps',
        scale: 'cramps',
        stroke: CHART.cramps,
        fill: `${CHART.cramps}99`,
        ...(bars ? { paths: bars } : {}),
        points: { show: false },
      },
      {
        label: 'Foot pointed (min)',
        scale: 'min',
        stroke: CHART.plantarMinutes,
        width: 2,
        points: { show: true, size: 5 },
      },
    ],
    axes: [
      axis({ values: timeAxisValues(tz) }),
      axis({ scale: 'cramps', label: 'cramps', incrs: [1, 2, 5, 10] }),
      axis({ scale: 'min', label: 'minutes', side: 1, grid: { show: false } }),
    ],
  };
  return new uPlot(opts, [columns.x, columns.cramps, columns.plantarFlexedMinutes], undefined);
}

function axis(a: uPlot.Axis): uPlot.Axis {
  return {
    stroke: CHART.text,
    grid: { stroke: CHART.grid, width: 1 },
    ticks: { stroke: CHART.grid, width: 1 },
    ...a,
  };
}
