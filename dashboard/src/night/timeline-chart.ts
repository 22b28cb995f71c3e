import uPlot from 'uplot';
import { CHART } from '../chart-theme.ts';
import { clockValue, timeAxisValues } from '../chart-time.ts';
import type { Span } from './event-spans.ts';
import { spanShading } from './span-shading.ts';
import type { TimelineColumns } from './timeline-columns.ts';

export interface TimelineChartInput {
  readonly columns: TimelineColumns;
  readonly spans: readonly Span[];
  /** The wearer's time zone: the time axis reads in it. */
  readonly tz: string;
  /** Called once, on the first frame after every panel has drawn. */
  readonly onDrawn?: () => void;
}

export interface TimelineChart {
  readonly element: HTMLElement;
  /** Shows [fromS, toS] on every panel (an event's "show" button). */
  zoom(fromS: number, toS: number): void;
  resetZoom(): void;
  resize(width: number): void;
  destroy(): void;
}

const Y_AXIS_PX = 56;
const PANELS = 3;

/** Envelope values are drawn on a log axis (rest is a few µV, a cramp hundreds): zero cannot be. */
const LOG_FLOOR_UV = 0.1;

/**
 * The night timeline: three stacked panels sharing one time axis — EMG envelope (min–max band
 * and mean, log scale), leg movement, ankle flexion (gaps where the angle was not observable) —
 * each shaded with the night's events. Drag across a panel to zoom all three, double-click to
 * reset; the cursor moves on all three at once.
 */
export function createTimelineChart(input: TimelineChartInput, width: number): TimelineChart {
  const { columns: c, spans, tz } = input;
  const element = document.createElement('div');
  element.className = 'timeline';
  const floor = (v: number | null) => (v === null ? null : Math.max(LOG_FLOOR_UV, v));
  const shading = spanShading(() => spans);
  const charts: uPlot[] = [];
  let syncing = false;
  const drawn = new Set<uPlot>();
  let reported = false;

  const common = (title: string, height: number): uPlot.Options => ({
    title,
    width,
    height,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), tz),
    cursor: { sync: { key: 'night-timeline' }, drag: { x: true, y: false } },
    scales: { x: { time: true } },
    legend: { live: true },
    plugins: [shading],
    series: [{ label: 'Time', value: clockValue(tz) }],
    // A fixed y-axis width keeps the three plots' time axes aligned, labels or none.
    axes: [
      { ...axis(), values: timeAxisValues(tz) },
      { ...axis(), size: Y_AXIS_PX },
    ],
    hooks: {
      setScale: [(u, key) => key === 'x' && follow(u)],
      draw: [
        (u) => {
          drawn.add(u);
          if (drawn.size < PANELS || reported) return;
          reported = true;
          requestAnimationFrame(() => input.onDrawn?.());
        },
      ],
    },
  });

  // One panel's zoom becomes every panel's.
  const follow = (source: uPlot) => {
    if (syncing) return;
    syncing = true;
    const { min, max } = source.scales.x!;
    for (const u of charts) if (u !== source && min != null && max != null) u.setScale('x', { min, max });
    syncing = false;
  };

  const env = common('EMG envelope (µV, log scale)', 220);
  env.scales = { ...env.scales, y: { distr: 3 } };
  env.series.push(
    { label: 'max', stroke: 'transparent', points: { show: false } },
    { label: 'min', stroke: 'transparent', points: { show: false } },
    { label: 'mean µV', stroke: CHART.envelope, width: 1.5, points: { show: false } },
  );
  env.bands = [{ series: [1, 2], fill: CHART.envelopeBand }];
  charts.push(new uPlot(env, [c.x, c.envMax.map(floor), c.envMin.map(floor), c.envMean.map(floor)], element));

  const move = common('Leg movement (mg)', 160);
  move.series.push({ label: 'movement mg', stroke: CHART.movement, width: 1, points: { show: false } });
  charts.push(new uPlot(move, [c.x, c.movementMax], element));

  const flex = common('Ankle plantar flexion (°: 0 neutral, + toes pointed)', 170);
  flex.series.push(
    { label: 'max', stroke: 'transparent', points: { show: false } },
    { label: 'min', stroke: 'transparent', points: { show: false } },
    { label: 'mean °', stroke: CHART.flexion, width: 1.5, points: { show: false } },
  );
  // At least neutral to well pointed, so a quiet night does not blow small wobbles up.
  flex.scales = { ...flex.scales, y: { range: (_u, min, max) => [Math.min(-10, min), Math.max(40, max)] } };
  flex.bands = [{ series: [1, 2], fill: CHART.flexionBand }];
  charts.push(new uPlot(flex, [c.x, c.flexionMax, c.flexionMin, c.flexionMean], element));

  const first = c.x[0];
  const last = c.x[c.x.length - 1];
  return {
    element,
    zoom(fromS, toS) {
      charts[0]?.setScale('x', { min: fromS, max: toS });
    },
    resetZoom() {
      if (first !== undefined && last !== undefined) charts[0]?.setScale('x', { min: first, max: last });
    },
    resize(w) {
      for (const u of charts) if (u.width !== w) u.setSize({ width: w, height: u.height });
    },
    destroy() {
      for (const u of charts) u.destroy();
    },
  };
}

function axis(): uPlot.Axis {
  return {
    stroke: CHART.text,
    grid: { stroke: CHART.grid, width: 1 },
    ticks: { stroke: CHART.grid, width: 1 },
  };
}
