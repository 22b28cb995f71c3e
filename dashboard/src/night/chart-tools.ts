import type { NightResponse } from '../api/types.ts';
import { SPAN_STYLE } from '../chart-theme.ts';
import { downloadText } from '../dom/download.ts';
import { el } from '../dom/el.ts';
import { bucketsCsv, eventsCsv, exportName } from './night-export.ts';

/** Above the timeline: how to zoom, the shading's legend, zoom-out and the exports. */
export function chartTools(night: NightResponse, resetZoom: () => void): HTMLElement[] {
  const button = (label: string, onclick: () => void) => el('button', { type: 'button', onclick }, label);
  return [
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Shading' },
      ...Object.values(SPAN_STYLE).map((s) =>
        el(
          'li',
          {},
          el('span', { class: 'swatch', style: `background:${s.fill}`, 'aria-hidden': 'true' }),
          s.label,
        ),
      ),
    ),
    el('p', { class: 'hint' }, 'Drag across the chart to zoom; double-click or “Whole night” to zoom out.'),
    el(
      'div',
      { class: 'button-row' },
      button('Whole night', resetZoom),
      button('Timeline CSV', () =>
        downloadText(exportName(night, 'timeline', 'csv'), bucketsCsv(night), 'text/csv'),
      ),
      button('Events CSV', () =>
        downloadText(exportName(night, 'events', 'csv'), eventsCsv(night), 'text/csv'),
      ),
      button('JSON', () =>
        downloadText(exportName(night, 'night', 'json'), JSON.stringify(night, null, 2), 'application/json'),
      ),
    ),
  ];
}
