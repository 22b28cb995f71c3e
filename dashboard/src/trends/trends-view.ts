import type uPlot from 'uplot';
import type { ApiClient } from '../api/api-client.ts';
import type { DeviceView, NightSummary } from '../api/types.ts';
import { el, replaceChildren } from '../dom/el.ts';
import { formatMinutes } from '../format/duration.ts';
import { addDays, dateIn, formatNightDate } from '../format/zoned-time.ts';
import { bandLabel } from '../live/band-card.ts';
import { type Route, routeHash } from '../router.ts';
import { TREND_WEEKS, trendColumns, trendFigures, trendRangeS } from './trend-columns.ts';
import { createTrendsChart } from './trends-chart.ts';

export interface TrendsViewDeps {
  readonly api: ApiClient;
  readonly navigate: (route: Route) => void;
  readonly onError: (err: unknown) => void;
}

/** The trends view: a band's last 12 weeks, night by night, as a chart and (for everyone) a table. */
export function createTrendsView(deps: TrendsViewDeps) {
  const pickers = el('div');
  const status = el('p', { class: 'status', role: 'status' });
  const figures = el('div');
  const chartHost = el('div', { class: 'chart-host' });
  const table = el('div');
  const element = el(
    'section',
    { class: 'view trends-view', 'aria-labelledby': 'trends-title' },
    el('div', { class: 'view-head' }, el('h1', { id: 'trends-title' }, 'Trends')),
    pickers,
    status,
    figures,
    chartHost,
    table,
  );
  let chart: uPlot | undefined;
  let devices: DeviceView[] | undefined;
  let generation = 0;
  const resizer = new ResizeObserver(() =>
    chart?.setSize({ width: chartHost.clientWidth, height: chart.height }),
  );
  resizer.observe(chartHost);

  const show = async (route: Extract<Route, { view: 'trends' }>) => {
    const mine = ++generation;
    status.textContent = 'Loading…';
    try {
      devices ??= await deps.api.devices();
      const device = devices.find((d) => d.id === route.device) ?? devices[0];
      if (!device) {
        status.textContent = 'No band has sent anything yet.';
        return;
      }
      replaceChildren(
        pickers,
        bandPicker(devices, device.id, (id) => deps.navigate({ view: 'trends', device: id })),
      );
      const to = dateIn(Date.now(), device.tz);
      const from = addDays(to, -7 * TREND_WEEKS + 1);
      const { nights, tz } = await deps.api.nights(device.id, { from, to });
      if (mine !== generation) return;
      render(device.id, nights, tz, trendRangeS(from, to));
      status.textContent = nights.length === 0 ? `No nights in the last ${TREND_WEEKS} weeks.` : '';
    } catch (err) {
      if (mine !== generation) return;
      status.textContent = 'Could not load the trends.';
      deps.onError(err);
    }
  };

  const render = (device: string, nights: readonly NightSummary[], tz: string, rangeS: [number, number]) => {
    chart?.destroy();
    chart = undefined;
    const f = trendFigures(nights);
    replaceChildren(
      figures,
      el(
        'dl',
        { class: 'summary', 'aria-label': `Last ${TREND_WEEKS} weeks` },
        ...(
          [
            ['Nights recorded', String(f.nights)],
            ['Nights with cramps', String(f.nightsWithCramps)],
            ['Cramps', String(f.cramps)],
            ['Cramps per night', f.crampsPerNight.toFixed(1)],
            ['Foot pointed per night', formatMinutes(f.plantarFlexedMinutesPerNight)],
          ] as const
        ).map(([t, v]) => el('div', { class: 'figure' }, el('dt', {}, t), el('dd', {}, v))),
      ),
    );
    replaceChildren(chartHost);
    if (nights.length > 0) {
      chart = createTrendsChart(trendColumns(nights), tz, rangeS, chartHost.clientWidth);
      chartHost.appendChild(chart.root);
    }
    replaceChildren(table, nightsTable(nights, device));
  };

  return {
    element,
    show,
    unmount() {
      generation++;
      resizer.disconnect();
      chart?.destroy();
    },
  };
}

function bandPicker(devices: readonly DeviceView[], selected: string, onChange: (id: string) => void) {
  const select = el(
    'select',
    { id: 'trends-band', name: 'band' },
    ...devices.map((d) => el('option', { value: d.id, selected: d.id === selected }, bandLabel(d))),
  );
  select.addEventListener('change', () => onChange(select.value));
  return el(
    'div',
    { class: 'pickers' },
    el('div', { class: 'field' }, el('label', { for: 'trends-band' }, 'Band'), select),
  );
}

function nightsTable(nights: readonly NightSummary[], device: string): HTMLElement {
  return el(
    'details',
    { class: 'nights-table' },
    el('summary', {}, 'Nights as a table'),
    el(
      'div',
      { class: 'table-scroll' },
      el(
        'table',
        {},
        el(
          'thead',
          {},
          el('tr', {}, ...['Night', 'Cramps', 'Foot pointed'].map((h) => el('th', { scope: 'col' }, h))),
        ),
        el(
          'tbody',
          {},
          ...[...nights]
            .reverse()
            .map((n) =>
              el(
                'tr',
                {},
                el(
                  'th',
                  { scope: 'row' },
                  el(
                    'a',
                    { href: routeHash({ view: 'night', device, date: n.date }) },
                    formatNightDate(n.date),
                  ),
                ),
                el('td', { class: 'num' }, String(n.cramps.count)),
                el('td', { class: 'num' }, formatMinutes(n.plantarFlexedMinutes)),
              ),
            ),
        ),
      ),
    ),
  );
}
