import type { CrampWatchEvent } from '../api/types.ts';
import { el } from '../dom/el.ts';
import { formatDuration } from '../format/duration.ts';
import { formatClock } from '../format/zoned-time.ts';

const KIND_LABEL: Record<string, string> = {
  cramp: 'Cramp',
  spasm: 'Spasm',
  plm: 'Leg movements (PLM)',
  plantar_flexion: 'Foot pointed',
  lead_off: 'Electrode off',
  signal_gap: 'No data',
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? kind.replaceAll('_', ' ');
}

/**
 * The night's events as a table (what the shaded chart shows, readable by everyone); each row's
 * button zooms the timeline to that event.
 */
export function eventTable(
  events: readonly CrampWatchEvent[],
  tz: string,
  onShow: (event: CrampWatchEvent) => void,
): HTMLElement {
  // Gaps in the data show on the chart as breaks; listed, dozens of them would hide the rest.
  const listed = events.filter((e) => e.kind !== 'signal_gap');
  const gaps = events.length - listed.length;
  const gapNote =
    gaps === 0
      ? null
      : el('p', { class: 'hint' }, `${gaps} gap${gaps === 1 ? '' : 's'} in the data, not listed.`);
  if (listed.length === 0)
    return el('div', {}, el('p', { class: 'empty' }, 'No events this night.'), gapNote);
  const rows = listed.map((e) =>
    el(
      'tr',
      { 'data-kind': e.kind, class: `kind-${e.kind}` },
      el('th', { scope: 'row' }, kindLabel(e.kind), e.late ? ' (late)' : ''),
      el('td', {}, formatClock(e.start, tz)),
      el('td', {}, e.end === null ? 'ongoing' : formatDuration(e.end - e.start)),
      el('td', { class: 'num' }, typeof e.peakUv === 'number' ? Math.round(e.peakUv) : '—'),
      el('td', { class: 'num' }, typeof e.angleDeg === 'number' ? `${Math.round(e.angleDeg)}°` : '—'),
      el('td', { class: 'num' }, typeof e.confidence === 'number' ? e.confidence.toFixed(2) : '—'),
      el(
        'td',
        {},
        el(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': `Show the ${kindLabel(e.kind).toLowerCase()} at ${formatClock(e.start, tz)} on the timeline`,
            onclick: () => onShow(e),
          },
          'Show',
        ),
      ),
    ),
  );
  const table = el(
    'div',
    { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Events table' },
    el(
      'table',
      { class: 'events' },
      el('caption', {}, `Events (${listed.length})`),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...['Event', 'Start', 'Duration', 'Peak µV', 'Angle', 'Confidence'].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'On the timeline')),
        ),
      ),
      el('tbody', {}, ...rows),
    ),
  );
  return el('div', {}, table, gapNote);
}
