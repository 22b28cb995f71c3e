import type { ApiClient } from '../api/api-client.ts';
import type { DeviceView, NightResponse, NightSummary } from '../api/types.ts';
import { el, replaceChildren } from '../dom/el.ts';
import { formatNightDate } from '../format/zoned-time.ts';
import type { Route } from '../router.ts';
import { chartTools } from './chart-tools.ts';
import { eventSpans } from './event-spans.ts';
import { eventTable } from './event-table.ts';
import { nightPicker } from './night-picker.ts';
import { summaryPanel } from './summary-panel.ts';
import { createTimelineChart, type TimelineChart } from './timeline-chart.ts';
import { bucketWidthMs, timelineColumns } from './timeline-columns.ts';

export interface NightViewDeps {
  readonly api: ApiClient;
  readonly navigate: (route: Route) => void;
  readonly onError: (err: unknown) => void;
}

/** How far around an event its "Show" button zooms, ms. */
const SHOW_MARGIN_MS = 2 * 60_000;

/**
 * The night view: pick a band and a night; its timeline (as many buckets as the chart is wide),
 * summary, event table and exports. Marks `timeline:fetch-start` and `timeline:drawn` and
 * measures `timeline` between them for each night shown (read by the browser test).
 */
export function createNightView(deps: NightViewDeps) {
  const pickers = el('div');
  const status = el('p', { class: 'status', role: 'status' });
  const summary = el('div');
  const chartHost = el('div', { class: 'chart-host' });
  const tools = el('div', { class: 'chart-tools' });
  const table = el('div');
  const element = el(
    'section',
    { class: 'view night-view', 'aria-labelledby': 'night-title' },
    el('div', { class: 'view-head' }, el('h1', { id: 'night-title' }, 'Night')),
    pickers,
    status,
    summary,
    tools,
    chartHost,
    table,
  );
  let devices: DeviceView[] | undefined;
  const nightsOf = new Map<string, NightSummary[]>();
  let chart: TimelineChart | undefined;
  let generation = 0;
  const resizer = new ResizeObserver(() => chart?.resize(chartHost.clientWidth));
  resizer.observe(chartHost);

  const clear = () => {
    chart?.destroy();
    chart = undefined;
    for (const part of [summary, tools, chartHost, table]) replaceChildren(part);
  };

  const show = async (route: Extract<Route, { view: 'night' }>) => {
    const mine = ++generation;
    element.setAttribute('aria-busy', 'true');
    status.textContent = 'Loading…';
    try {
      devices ??= await deps.api.devices();
      const device = route.device ?? devices[0]?.id;
      if (device === undefined) return finish('No band has sent anything yet.');
      let nights = nightsOf.get(device);
      if (!nights) {
        nights = [...(await deps.api.nights(device)).nights];
        nightsOf.set(device, nights);
      }
      if (mine !== generation) return;
      const date = route.date ?? nights[nights.length - 1]?.date;
      replaceChildren(
        pickers,
        nightPicker({
          devices,
          device,
          nights,
          date,
          onDevice: (d) => deps.navigate({ view: 'night', device: d }),
          onDate: (d) => deps.navigate({ view: 'night', device, date: d }),
        }),
      );
      if (date === undefined) {
        clear();
        return finish('No nights recorded for this band yet.');
      }
      await showNight(device, date, mine);
    } catch (err) {
      if (mine === generation) {
        finish('Could not load this night.');
        deps.onError(err);
      }
    }
  };

  const showNight = async (device: string, date: string, mine: number) => {
    performance.clearMarks('timeline:fetch-start');
    performance.clearMarks('timeline:drawn');
    performance.clearMeasures('timeline');
    performance.mark('timeline:fetch-start');
    delete chartHost.dataset['drawn'];
    const points = Math.min(5000, Math.max(10, Math.round(chartHost.clientWidth || 1000)));
    const night = await deps.api.night(device, date, points);
    if (mine !== generation) return;
    clear();
    render(night, mine);
    finish(night.buckets.length === 0 ? 'No signal was recorded this night.' : '');
  };

  const render = (night: NightResponse, mine: number) => {
    replaceChildren(
      summary,
      el('h2', {}, formatNightDate(night.date)),
      summaryPanel(night.summary, night.tz),
    );
    const columns = timelineColumns(night.buckets);
    const lastT = night.buckets[night.buckets.length - 1]?.t;
    const dataEndMs = lastT === undefined ? night.fromMs : lastT + bucketWidthMs(night.buckets);
    chart = createTimelineChart(
      {
        columns,
        spans: eventSpans(night.events, night, dataEndMs),
        tz: night.tz,
        onDrawn: () => {
          if (mine !== generation) return;
          performance.mark('timeline:drawn');
          performance.measure('timeline', 'timeline:fetch-start', 'timeline:drawn');
          // What the browser test waits for: this night's timeline is on screen.
          chartHost.dataset['drawn'] = `${night.device}/${night.date}`;
        },
      },
      chartHost.clientWidth,
    );
    chartHost.appendChild(chart.element);
    replaceChildren(tools, ...chartTools(night, () => chart?.resetZoom()));
    replaceChildren(
      table,
      eventTable(night.events, night.tz, (e) => {
        chart?.zoom((e.start - SHOW_MARGIN_MS) / 1000, ((e.end ?? dataEndMs) + SHOW_MARGIN_MS) / 1000);
        chartHost.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
      }),
    );
  };

  const finish = (message: string) => {
    status.textContent = message;
    element.removeAttribute('aria-busy');
  };

  return {
    element,
    show,
    unmount() {
      generation++;
      resizer.disconnect();
      clear();
    },
  };
}
